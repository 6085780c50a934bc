// What the generated project is made of: decided from the command line, read by every template.

/** The choices a new project is generated from. */
export interface ProjectOptions {
  /** The npm package name of the new project (the folder's name by default). */
  readonly name: string;
  /** Adds a WebSocket gateway (`@corbel/ws`) at `/chat`. */
  readonly webSockets: boolean;
  /** Adds the OpenAPI document and the `/docs` page (`@corbel/openapi`). */
  readonly openApi: boolean;
  /** The version range of the `@corbel/*` packages the project depends on (the generator's own version). */
  readonly corbelRange: string;
}

/** A file of the generated project: its path relative to the project folder, and its text. */
export interface ProjectFile {
  readonly path: string;
  readonly content: string;
}
