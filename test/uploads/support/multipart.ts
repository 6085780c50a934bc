// Builds multipart/form-data bodies byte by byte, so tests can send exactly what a hostile client would.

/** One part: a text field, or a file when `fileName` or `type` is given; `headers` replaces the generated ones. */
export interface Part {
  readonly name?: string;
  readonly value: string | Buffer;
  readonly fileName?: string;
  readonly type?: string;
  readonly headers?: readonly string[];
}

export const BOUNDARY = 'corbel-test-boundary';
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function headersOf(part: Part): string[] {
  if (part.headers) return [...part.headers];
  let disposition = 'Content-Disposition: form-data';
  if (part.name !== undefined) disposition += `; name="${part.name}"`;
  if (part.fileName !== undefined) disposition += `; filename="${part.fileName}"`;
  const headers = [disposition];
  if (part.type !== undefined) headers.push(`Content-Type: ${part.type}`);
  return headers;
}

/**
 * The body of `parts`, with its closing delimiter unless `isComplete` is false (a truncated body).
 * @example const body = multipart([{ name: 'title', value: 'Trip' }, { name: 'photo', fileName: 'a.png', type: 'image/png', value: png }]);
 */
export function multipart(parts: readonly Part[], isComplete = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n${headersOf(part).join('\r\n')}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  if (isComplete) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

/** A 1×1 transparent PNG: real image bytes that file-type recognises. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a PDF document. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
