// The generated project's README: the commands, the layout, and where the Corbel guide is.
import type { ProjectFile, ProjectOptions } from './project-options';

/** README.md of the new project. */
export function readmeFile(options: ProjectOptions): ProjectFile {
  const extras = [
    ...(options.webSockets ? ['- `src/chat/chat-gateway.ts`: a WebSocket gateway at `ws://127.0.0.1:3000/chat`.'] : []),
    ...(options.openApi ? ['- `/docs` serves the interactive API docs; `/openapi.json` the OpenAPI document.'] : []),
  ];
  const content = `# ${options.name}

A [Corbel](https://www.npmjs.com/package/@corbel/core) API.

\`\`\`sh
npm run dev     # rebuilds on every change and restarts the server (tsc --watch + node --watch)
npm test        # compiles, then runs the tests with node --test
npm run build && npm start   # serves on http://127.0.0.1:3000 (PORT and HOST override)
\`\`\`

- \`src/main.ts\`: starts the server.
- \`src/app-module.ts\`: the root module; import feature modules here.
- \`src/books/\`: a feature: controller, service, DTO (validated with class-validator), an exception filter, a test.
${extras.join('\n')}

Build with \`tsc\`: Corbel reads parameter and constructor types from decorator metadata, which tsx and esbuild do
not emit.
`;
  return { path: 'README.md', content: content.replace(/\n\n\n/g, '\n\n') };
}
