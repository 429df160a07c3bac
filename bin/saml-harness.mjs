#!/usr/bin/env node
// The harness is TypeScript run as is: tsx compiles modules as they load, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/main.ts');
