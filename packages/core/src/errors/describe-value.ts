// Names a value the way a misuse message shows it: "the number 1", "an instance of ParseIntPipe", "the class X".

/**
 * A short description of `value` for a `CorbelError` message; never throws and never prints more than a few words.
 * @example describeValue(1) // 'the number 1'; describeValue(new ParseIntPipe()) // 'an instance of ParseIntPipe'
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string':
        return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
      case 'function':
        return `the class ${value.name || '(anonymous)'}`;
      case 'symbol':
        return 'a symbol';
      case 'object':
        break;
      default:
        return `the ${typeof value} ${String(value)}`;
    }
    if (value === null) return 'null';
    const name = (value.constructor as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' && name !== '' && name !== 'Object' ? `an instance of ${name}` : 'an object';
  } catch {
    // A hostile value (a Proxy whose traps throw) is still refused; it just cannot be shown.
    return 'a value that cannot be described';
  }
}
