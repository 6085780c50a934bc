// Finds the ```ts blocks of a Markdown page, with the hidden preamble a block may declare just above its fence.

/** One compilable block: its code, the preamble prepended to it, and where it starts in the page. */
export interface CodeBlock {
  readonly page: string;
  /** The 1-based line of the block's first code line in the page. */
  readonly line: number;
  readonly preamble: string;
  readonly code: string;
}

const FENCE = /^```\s*([\w-]*)(.*)$/;
const PREAMBLE = /^<!--\s*ts-preamble\b([\s\S]*)-->$/;

/** A fence tagged `ts fragment` (or `typescript fragment`) is exempt; plain `ts`/`typescript` blocks must compile. */
function isCheckedLanguage(language: string, info: string): boolean {
  return (language === 'ts' || language === 'typescript') && !/\bfragment\b/.test(info);
}

/**
 * The page's checked blocks. A preamble is an HTML comment `<!-- ts-preamble … -->` that ends on the line right
 * above the fence (blank lines between them are allowed); its code runs before the block's and is not shown.
 */
export function extractCodeBlocks(page: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const fence = FENCE.exec(lines[index]);
    if (!fence) continue;
    const end = lines.findIndex((line, at) => at > index && /^```\s*$/.test(line));
    if (end === -1) throw new Error(`${page}:${index + 1}: a code fence is never closed`);
    if (isCheckedLanguage(fence[1], fence[2])) {
      const before = lines.slice(0, index).join('\n').trimEnd();
      // Only the last comment of the text above can be this block's preamble.
      const preamble = PREAMBLE.exec(before.slice(before.lastIndexOf('<!--')))?.[1] ?? '';
      blocks.push({ page, line: index + 2, preamble: preamble.trim(), code: lines.slice(index + 1, end).join('\n') });
    }
    index = end;
  }
  return blocks;
}
