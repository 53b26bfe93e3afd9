/**
 * Express, Fastify and Koa: one ES module per app, with the snippet pasted as the card shows
 * it. Import declarations are hoisted, so the snippet's own `import cors …` line can stay
 * where it stands, in the middle of the file. One Node process imports every app module
 * (each listens on its own port), so the stack pays Node's start-up once.
 */
import type { AppSpec, Stack } from './types';

const js = (value: unknown) => JSON.stringify(value);

/** The snippet between markers, so a failing app's file shows where it was pasted. */
const pasted = (app: AppSpec) =>
  `// ---- snippet, as the card shows it ----\n${app.snippet.code}\n// ---- end of snippet ----`;

function module(app: AppSpec, parts: { head: string; auth: string; tail: string }): string {
  return [
    parts.head,
    app.auth && app.authFirst ? parts.auth : '',
    pasted(app),
    app.auth && !app.authFirst ? parts.auth : '',
    parts.tail,
  ]
    .filter((part) => part !== '')
    .join('\n\n')
    .concat('\n');
}

/** Imports each app in turn; one that throws is reported and the others still start. */
const HOST = `for (const file of process.argv.slice(2)) {
  try {
    await import(\`./\${file}\`);
  } catch (error) {
    console.error(\`\${file}: \${error.stack}\`);
  }
}
`;

function nodePrograms(apps: readonly AppSpec[], source: (app: AppSpec) => string) {
  const files = Object.fromEntries(apps.map((app) => [`${app.name}.mjs`, source(app)]));
  return [
    {
      files: { ...files, 'host.mjs': HOST },
      command: process.execPath,
      args: ['host.mjs', ...Object.keys(files)],
      hosts: apps.map((app) => app.name),
    },
  ];
}

export const express: Stack = {
  id: 'express',
  requires: [],
  showsAuthPitfall: true,
  programs: (apps) =>
    nodePrograms(apps, (app) =>
      module(app, {
        head: "import express from 'express';\n\nconst app = express();",
        auth: `app.use((req, res, next) => {
  if (!req.get('Authorization')) {
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized' });
    return;
  }
  next();
});`,
        tail: `app.all(${js(app.path)}, (req, res) => {
  res.set(${js(Object.fromEntries(app.responseHeaders))});
  res.json({ ok: true });
});

app.listen(${app.port}, '127.0.0.1');`,
      }),
    ),
};

export const fastify: Stack = {
  id: 'fastify',
  requires: [],
  showsAuthPitfall: true,
  programs: (apps) =>
    nodePrograms(apps, (app) =>
      module(app, {
        head: "import Fastify from 'fastify';\n\nconst fastify = Fastify();",
        auth: `fastify.addHook('onRequest', async (request, reply) => {
  if (!request.headers.authorization) {
    return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: 'unauthorized' });
  }
});`,
        // Every method but OPTIONS: @fastify/cors owns OPTIONS (its own catch-all route).
        tail: `fastify.route({
  method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  url: ${js(app.path)},
  handler: async (request, reply) => {
    reply.headers(${js(Object.fromEntries(app.responseHeaders))});
    return { ok: true };
  },
});

await fastify.listen({ port: ${app.port}, host: '127.0.0.1' });`,
      }),
    ),
};

export const koa: Stack = {
  id: 'koa',
  requires: [],
  showsAuthPitfall: true,
  programs: (apps) =>
    nodePrograms(apps, (app) =>
      module(app, {
        head: "import Koa from 'koa';\n\nconst app = new Koa();",
        auth: `app.use(async (ctx, next) => {
  if (!ctx.get('Authorization')) {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Bearer');
    ctx.body = { error: 'unauthorized' };
    return;
  }
  await next();
});`,
        tail: `app.use(async (ctx) => {
  if (ctx.path !== ${js(app.path)}) return;
  ctx.set(${js(Object.fromEntries(app.responseHeaders))});
  ctx.body = { ok: true };
});

app.listen(${app.port}, '127.0.0.1');`,
      }),
    ),
};
