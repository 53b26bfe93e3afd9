/** The stacks the suite runs, in the card's order. Keep in step with VERIFIED_STACKS. */
import { express, fastify, koa } from './node';
import type { Stack } from './types';
import { apache, nginx } from './web-servers';

export const STACKS: readonly Stack[] = [express, fastify, koa, nginx, apache];

export type { AppSpec, Requirement, Stack } from './types';
