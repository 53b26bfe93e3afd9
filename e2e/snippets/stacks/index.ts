/** The stacks the suite runs, in the card's order (Spring and ASP.NET Core are not run yet). */
import { goRsCors } from './go';
import { express, fastify, koa } from './node';
import { django, flask } from './python';
import { rails } from './rails';
import type { Stack } from './types';
import { apache, nginx } from './web-servers';

export const STACKS: readonly Stack[] = [
  express,
  fastify,
  koa,
  flask,
  django,
  goRsCors,
  rails,
  nginx,
  apache,
];

export type { AppSpec, Requirement, Stack } from './types';
