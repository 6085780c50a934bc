// A route as the request handler runs it: everything read from metadata once, at start-up.
import type { CompiledParameters } from '../binding/parameter-binder';
import type { RouteReference } from '../filters/exception-filter';
import type { FilterTable } from '../filters/filter-table';
import type { CorsPolicy } from '../http/cors';
import type { HeaderRecord } from '../http/response-writer';
import type { RoutePipeline } from '../pipeline/compose-pipeline';
import type { JsonSerializer } from '../serialization/json-serializer';
import type { RouteDetails } from './route-description';

export interface CompiledRoute {
  readonly reference: RouteReference;
  readonly parameters: CompiledParameters;
  readonly filters: FilterTable;
  /** Calls the handler on its controller instance. */
  readonly invoke: (args: unknown[]) => unknown;
  /** The status of a successful answer: @HttpCode, else 201 for POST, else 200. */
  readonly status: number;
  /** @HttpCode, when declared: it also applies to an empty result instead of 204. */
  readonly declaredStatus: number | undefined;
  /** @Header values, validated at start-up; null when the route declares none. */
  readonly headers: Readonly<HeaderRecord> | null;
  /** Middleware, guards, interceptors and custom parameters, composed at start-up; null when there are none. */
  readonly pipeline: RoutePipeline | null;
  /** What `app.describe()` reports, read when first asked so an app nobody describes pays nothing; null for a plugin's route. */
  readonly describe: (() => RouteDetails) | null;
  /** The route's CORS (the app's, or its @Cors laid over it); null when it has none. */
  readonly cors: CorsPolicy | null;
  /** Writes a successful JSON answer: @Returns shaping and class-transformer rules, decided at start-up. */
  readonly serialize: JsonSerializer;
}
