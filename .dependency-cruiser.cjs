// The layering of ARCHITECTURE.md, checked by `npm run check`: web → server → analysis, never back.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'analysis-is-pure',
      comment: 'The engine runs in the browser: no Node built-ins, no I/O.',
      severity: 'error',
      from: { path: '^packages/analysis/src', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'analysis-stands-alone',
      comment: 'The engine never imports the server, the web app or the contracts.',
      severity: 'error',
      from: { path: '^packages/analysis/' },
      to: { path: '^packages/(server|web|contracts)/' },
    },
    {
      name: 'contracts-are-shared',
      comment: 'The contracts are read by the server and the browser: no server or web code.',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^packages/(server|web)/' },
    },
    {
      name: 'contracts-no-node',
      comment: 'The browser imports the contracts too: no Node built-ins.',
      severity: 'error',
      from: { path: '^packages/contracts/src', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-talks-http-only',
      comment: 'The web app reaches the server through the API, never by importing it.',
      severity: 'error',
      from: { path: '^packages/web/src' },
      to: { path: '^packages/server/' },
    },
    {
      name: 'server-does-not-import-web',
      severity: 'error',
      from: { path: '^packages/server/' },
      to: { path: '^packages/web/' },
    },
    {
      name: 'no-reaching-into-sources',
      comment: 'Bench and e2e use the packages’ exported entries, not their src/ by relative path.',
      severity: 'error',
      from: { path: '^(bench|packages/web/e2e)/' },
      to: {
        path: '^packages/(server|analysis)/src/',
        dependencyTypes: ['local'],
        dependencyTypesNot: ['aliased'],
      },
    },
    {
      name: 'no-cycles',
      comment: 'Type-only imports may go both ways; code may not.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules|\\.generated\\.ts$|/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
