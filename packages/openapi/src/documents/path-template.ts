// Turns the router's path syntax (`/users/:id`, `/files/*`) into OpenAPI's and AsyncAPI's (`/users/{id}`).

/** A path parameter as the template names it, with the regular expression find-my-way matches it against. */
export interface TemplateParameter {
  readonly name: string;
  /** `:id(^\\d+$)`'s expression; a value that does not match it never reaches the route. */
  readonly pattern: string | undefined;
}

export interface PathTemplate {
  /** `/users/{id}`. */
  readonly path: string;
  readonly parameters: readonly TemplateParameter[];
}

// `:name`, optionally followed by find-my-way's `(regexp)`; the expression may hold nested parentheses.
const PARAMETER = /:([A-Za-z0-9_]+)/g;

function readPattern(path: string, start: number): { pattern: string; end: number } | undefined {
  if (path[start] !== '(') return undefined;
  let depth = 0;
  for (let index = start; index < path.length; index++) {
    const character = path[index];
    if (character === '\\') {
      index++;
      continue;
    }
    if (character === '(') depth++;
    if (character === ')' && --depth === 0) return { pattern: path.slice(start + 1, index), end: index + 1 };
  }
  return undefined;
}

/**
 * The template of a router path: `:name` becomes `{name}` (a regexp after it is kept as the parameter's pattern),
 * `*` becomes `{*}` (what `@Param('*')` reads).
 * @example toPathTemplate('/users/:id(^\\d+$)/posts') // { path: '/users/{id}/posts', parameters: [{ name: 'id', pattern: '^\\d+$' }] }
 */
export function toPathTemplate(routerPath: string): PathTemplate {
  const parameters: TemplateParameter[] = [];
  let path = '';
  let cursor = 0;
  for (const match of routerPath.matchAll(PARAMETER)) {
    const index = match.index ?? 0;
    if (index < cursor) continue;
    const name = match[1];
    const found = readPattern(routerPath, index + match[0].length);
    path += `${routerPath.slice(cursor, index)}{${name}}`;
    cursor = found ? found.end : index + match[0].length;
    parameters.push({ name, pattern: found?.pattern });
  }
  path += routerPath.slice(cursor);
  if (path.includes('*')) {
    path = path.replace('*', '{*}');
    parameters.push({ name: '*', pattern: undefined });
  }
  return { path, parameters };
}
