// Reads @Module metadata (and forRoot results) once into plain nodes: what each module owns, imports and exports.
import { CorbelError } from '../errors/corbel-error';
import type { Constructor } from '../metadata/constructor';
import type { FilterReference } from '../metadata/filter-metadata';
import { type ModuleMetadata, readModule } from '../metadata/module-metadata';
import type { DynamicModule, InjectionToken, ModuleImport, Provider } from './provider';

/** One module as the container sees it; the flat `createApp({ ... })` form is a module named `createApp()`. */
export interface ModuleNode {
  readonly name: string;
  /** The module class (undefined for the flat form's root). */
  readonly type: Constructor | undefined;
  readonly providers: readonly Provider[];
  readonly controllers: readonly Constructor[];
  readonly filters: readonly FilterReference[];
  readonly imports: ModuleNode[];
  /** Tokens this module exports. */
  readonly exportedTokens: InjectionToken[];
  /** Imported modules this module re-exports whole. */
  readonly exportedModules: ModuleNode[];
}

export interface ModuleGraph {
  readonly root: ModuleNode;
  /** Every module once, each after the modules it imports (a cycle of imports keeps discovery order). */
  readonly modules: readonly ModuleNode[];
}

const EXPECTED_MODULE = 'expected a class decorated with @Module({ ... }) or a forRoot() result';

function isDynamicModule(value: unknown): value is DynamicModule {
  return typeof value === 'object' && value !== null && typeof (value as DynamicModule).module === 'function';
}

function describe(value: unknown): string {
  if (typeof value === 'function') return value.name || 'an anonymous class';
  if (isDynamicModule(value)) return `${value.module.name}.forRoot(…)`;
  return typeof value === 'object' ? (JSON.stringify(value) ?? String(value)) : `${typeof value} ${String(value)}`;
}

/**
 * Reads the module tree under `root` (a module, or the flat form's definition). A module class in `substitutes` is
 * read as its replacement wherever it is imported (a testing module's `overrideModule`); `used` collects those met.
 */
export function readModuleGraph(
  root: ModuleImport | (ModuleMetadata & { readonly name: string }),
  substitutes?: ReadonlyMap<Constructor, ModuleImport>,
  used?: Set<Constructor>,
): ModuleGraph {
  const nodes = new Map<unknown, ModuleNode>();
  const ordered: ModuleNode[] = [];

  function substitute(entry: ModuleImport): ModuleImport {
    const type = isDynamicModule(entry) ? entry.module : entry;
    const replacement = substitutes?.get(type);
    if (replacement === undefined) return entry;
    used?.add(type);
    return replacement;
  }

  function visit(original: ModuleImport, where: string): ModuleNode {
    const entry = substitute(original);
    // A forRoot result is its own module instance; a class imported twice is one module.
    const existing = nodes.get(entry);
    if (existing) return existing;
    const type = isDynamicModule(entry) ? entry.module : entry;
    const metadata = typeof type === 'function' ? readModule(type) : undefined;
    if (!metadata && !isDynamicModule(entry)) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_MODULE',
        `${describe(entry)} ${where} is not a module: ${EXPECTED_MODULE}`,
      );
    }
    const extra: Partial<DynamicModule> = isDynamicModule(entry) ? entry : {};
    return build(entry, type.name, type, {
      imports: [...(metadata?.imports ?? []), ...(extra.imports ?? [])],
      controllers: metadata?.controllers,
      providers: [...(metadata?.providers ?? []), ...(extra.providers ?? [])],
      exports: [...(metadata?.exports ?? []), ...(extra.exports ?? [])],
      filters: metadata?.filters,
    });
  }

  function build(key: unknown, name: string, type: Constructor | undefined, metadata: ModuleMetadata): ModuleNode {
    const node: ModuleNode = {
      name,
      type,
      providers: [...(metadata.providers ?? [])],
      controllers: [...(metadata.controllers ?? [])],
      filters: [...(metadata.filters ?? [])],
      imports: [],
      exportedTokens: [],
      exportedModules: [],
    };
    nodes.set(key, node);
    for (const entry of metadata.imports ?? []) {
      if (typeof entry !== 'function' && !isDynamicModule(entry)) {
        throw new CorbelError(
          'CORBEL_ERR_INVALID_MODULE',
          `${describe(entry)} in the imports of ${name} is not a module: ${EXPECTED_MODULE}`,
        );
      }
      node.imports.push(visit(entry, `in the imports of ${name}`));
    }
    for (const entry of metadata.exports ?? []) {
      const exported = exportedModule(node, entry);
      if (exported) node.exportedModules.push(exported);
      else node.exportedTokens.push(entry as InjectionToken);
    }
    ordered.push(node);
    return node;
  }

  function exportedModule(node: ModuleNode, exported: unknown): ModuleNode | undefined {
    // An overridden module is exported as its replacement, which is what was imported.
    const isModule =
      isDynamicModule(exported) || (typeof exported === 'function' && readModule(exported as Constructor));
    const entry = isModule ? substitute(exported as ModuleImport) : exported;
    if (isDynamicModule(entry)) {
      const imported = nodes.get(entry) ?? node.imports.find((candidate) => candidate.type === entry.module);
      if (imported && node.imports.includes(imported)) return imported;
    } else if (typeof entry === 'function' && readModule(entry as Constructor)) {
      const imported = node.imports.find((candidate) => candidate.type === entry);
      if (imported) return imported;
    } else {
      return undefined;
    }
    throw new CorbelError(
      'CORBEL_ERR_INVALID_MODULE',
      `${node.name} exports the module ${describe(entry)} without importing it: add it to the imports of ${node.name}`,
    );
  }

  const rootNode =
    typeof root === 'function' || isDynamicModule(root)
      ? visit(root, 'given to createApp()')
      : build(root, root.name, undefined, root);
  return { root: rootNode, modules: ordered };
}
