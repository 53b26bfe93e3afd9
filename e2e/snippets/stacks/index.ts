/** The stacks the suite runs, in the card's order. Keep in step with VERIFIED_STACKS. */
import { goRsCors } from './go';
import { express, fastify, koa } from './node';
import { django, flask } from './python';
import type { Stack } from './types';
import { apache, nginx } from './web-servers';

export const STACKS: readonly Stack[] = [
  express,
  fastify,
  koa,
  nginx,
  apache,
  flask,
  django,
  goRsCors,
];

export type { AppSpec, Requirement, Stack } from './types';
