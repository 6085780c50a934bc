// An upload route's body reading and file binding, compiled once: multipart in, files checked and bound.

import type { MemoryUploadedFile, UploadedFile } from '../decorators/uploaded-file';
import type { ValidationErrorEntry } from '../exceptions/request-validation-error';
import { ClientDisconnected } from '../http/body-reader';
import { type FilePart, type MultipartLimits, readMultipart } from '../http/multipart-reader';
import type { CorbelRequest } from '../http/request';
import { type StoredFile, storeInMemory, storeOnDisk } from './file-storage';
import { detectType, loadTypeDetector } from './file-type-check';
import { TempFiles } from './temp-files';
import type { UploadParameter, UploadPlan } from './upload-plan';
import type { ResolvedUploadSettings } from './upload-settings';

/** Reads one upload argument from what `read` received; failures go into `errors` (the body phase's entries). */
export type UploadExtractor = (request: CorbelRequest, errors: ValidationErrorEntry[]) => unknown;

/** What the parameter binder gets for an upload route. */
export interface UploadReading {
  /** Reads the multipart body: text fields into `request.body`, files kept for the extractors. */
  readonly read: (request: CorbelRequest) => Promise<void>;
  readonly bindings: readonly { readonly index: number; readonly extract: UploadExtractor }[];
  /** The upload parameters as the plan checked them, for `app.describe()`. */
  readonly parameters: readonly UploadParameter[];
}

interface ReceivedFile {
  readonly file: UploadedFile;
  /** The type the leading bytes show, when a parameter checks types. */
  readonly detected: string | undefined;
}

// Only upload routes pay for it: one entry per upload request, gone with the request.
const RECEIVED = new WeakMap<CorbelRequest, ReceivedFile[]>();

function toUploadedFile(part: FilePart, stored: StoredFile): UploadedFile {
  const fields = {
    fieldName: part.fieldName,
    fileName: part.fileName,
    mimeType: part.mimeType,
    encoding: part.encoding,
    size: stored.size,
  };
  if (stored.path !== undefined) return { ...fields, path: stored.path };
  return { ...fields, buffer: stored.buffer } as MemoryUploadedFile;
}

function extractorFor(parameter: UploadParameter): UploadExtractor {
  const { field, kind, mimeTypes, required } = parameter;
  const loc = field === undefined ? [] : [field];
  return (request, errors) => {
    const received = RECEIVED.get(request) ?? [];
    const mine = field === undefined ? received : received.filter((entry) => entry.file.fieldName === field);
    if (mine.length === 0) {
      if (required) errors.push({ loc, msg: 'Field required', type: 'missing', in: 'body' });
      return kind === 'file' ? undefined : [];
    }
    if (mimeTypes) {
      mine.forEach((entry, position) => {
        const refusal = mimeTypes.refusal(entry.file.mimeType, entry.detected);
        if (refusal === undefined) return;
        const where = kind === 'file' ? loc : [field ?? entry.file.fieldName, position];
        errors.push({ loc: where, msg: refusal, type: 'file_type', in: 'body' });
      });
    }
    return kind === 'file' ? mine[0].file : mine.map((entry) => entry.file);
  };
}

/** Compiles the reading and binding of one upload route. */
export function compileUploadReading(plan: UploadPlan, settings: ResolvedUploadSettings): UploadReading {
  const limits: MultipartLimits = {
    fields: settings.fields,
    fieldSize: settings.fieldSize,
    files: settings.files,
    parts: settings.parts,
  };
  // Loaded now, so the first upload does not wait for it; a failure to load is reported by the first detection.
  if (plan.sniffs) loadTypeDetector().catch(() => {});
  const isOnDisk = settings.storage === 'disk';

  async function read(request: CorbelRequest): Promise<void> {
    const response = request.rawResponse;
    let temp: TempFiles | undefined;
    if (isOnDisk) {
      const files = new TempFiles(settings.tempDir);
      temp = files;
      if (!response) throw new Error('Disk uploads need the response (CorbelRequest.rawResponse) to remove temp files');
      // 'close' follows the answer being sent, a failed request's answer, and a client leaving: every way out.
      response.once('close', () => void files.removeAll());
    }
    const received: ReceivedFile[] = [];
    const counts: number[] = plan.parameters.map(() => 0);
    let next = 0;
    try {
      request.body = await readMultipart(request.raw, limits, async (part) => {
        const rule = plan.ruleFor(part.fieldName);
        plan.count(rule, part.fieldName, counts);
        // Files may finish out of order once detection awaits; keep the order they were sent in.
        const position = next++;
        const limit = { bytes: rule.sizeLimit, name: rule.sizeLimitName };
        const stored = temp
          ? await storeOnDisk(part, limit, rule.sniffs, temp)
          : await storeInMemory(part, limit, rule.sniffs);
        const detected = rule.sniffs ? await detectType(stored.head) : undefined;
        received[position] = { file: toUploadedFile(part, stored), detected };
      });
    } catch (error) {
      // Part of the body is unread: it must not be parsed as a next request, so the connection ends after the answer.
      if (!(error instanceof ClientDisconnected) && !request.raw.complete && response && !response.headersSent) {
        response.setHeader('connection', 'close');
      }
      throw error;
    }
    RECEIVED.set(request, received);
  }

  return {
    read,
    bindings: plan.parameters.map((parameter) => ({ index: parameter.index, extract: extractorFor(parameter) })),
    parameters: plan.parameters,
  };
}
