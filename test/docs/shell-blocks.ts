// Finds the ```sh blocks of a Markdown page that call the samples app with curl, and the output shown after each.

/** A curl command of the guide and what the page says it prints. */
export interface CurlExample {
  readonly page: string;
  /** The 1-based line of the command in the page. */
  readonly line: number;
  /** The command, continuation lines joined. */
  readonly command: string;
  /** The fenced block right after the command's block, if it is `json` or `text`: what the page says it prints. */
  readonly shown?: { readonly language: 'json' | 'text'; readonly body: string };
}

const FENCE = /^```\s*([\w-]*)/;
const SAMPLES_ORIGIN = /\b(?:localhost|127\.0\.0\.1):3000\b/;

interface Fence {
  readonly language: string;
  readonly start: number;
  readonly end: number;
  readonly body: string[];
}

function fencesOf(page: string, lines: readonly string[]): Fence[] {
  const fences: Fence[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]);
    if (!open) continue;
    const end = lines.findIndex((line, at) => at > index && /^```\s*$/.test(line));
    if (end === -1) throw new Error(`${page}:${index + 1}: a code fence is never closed`);
    fences.push({ language: open[1], start: index, end, body: lines.slice(index + 1, end) });
    index = end;
  }
  return fences;
}

/** Joins `\`-continued lines and drops comments and blank lines: one entry per command. */
function commandsOf(body: readonly string[], firstLine: number): { line: number; command: string }[] {
  const commands: { line: number; command: string }[] = [];
  let pending: { line: number; parts: string[] } | undefined;
  body.forEach((text, offset) => {
    const line = text.replace(/\s+#\s.*$/, '');
    if (pending === undefined && (line.trim() === '' || line.trim().startsWith('#'))) return;
    pending ??= { line: firstLine + offset, parts: [] };
    pending.parts.push(line.replace(/\\$/, '').trim());
    if (!line.endsWith('\\')) {
      commands.push({ line: pending.line, command: pending.parts.join(' ') });
      pending = undefined;
    }
  });
  return commands;
}

/** Every curl command aimed at the samples app (`localhost:3000`), with the output block that follows it. */
export function extractCurlExamples(page: string, markdown: string): CurlExample[] {
  const lines = markdown.split('\n');
  const fences = fencesOf(page, lines);
  const examples: CurlExample[] = [];
  fences.forEach((fence, index) => {
    if (fence.language !== 'sh' && fence.language !== 'bash' && fence.language !== 'shell') return;
    const curls = commandsOf(fence.body, fence.start + 2).filter(
      ({ command }) => /^curl\s/.test(command) && SAMPLES_ORIGIN.test(command),
    );
    if (curls.length === 0) return;
    const next = fences[index + 1];
    const isAdjacent =
      next !== undefined &&
      lines
        .slice(fence.end + 1, next.start)
        .join('')
        .trim() === '';
    const language = isAdjacent ? next.language : '';
    const shown: CurlExample['shown'] =
      language === 'json' || language === 'text' ? { language, body: next.body.join('\n') } : undefined;
    curls.forEach(({ line, command }, position) => {
      // The block's output belongs to its last command; earlier ones are only checked to succeed.
      examples.push({ page, line, command, shown: position === curls.length - 1 ? shown : undefined });
    });
  });
  return examples;
}

/** The command pointed at another origin (the test's ephemeral port). */
export function retarget(command: string, origin: string): string {
  return command.replace(new RegExp(SAMPLES_ORIGIN.source, 'g'), origin);
}
