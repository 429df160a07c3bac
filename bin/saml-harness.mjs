#!/usr/bin/env node
// The harness is TypeScript run as is: tsx compiles modules as they load, so there is no build step.
import { register } from 'tsx/esm/api';

// Loaded before tsx is: tsx would transform this dependency too, a 1 MB emscripten module with the
// WebAssembly inside, which costs the process about 160 MB of memory (measured: 74 → 239 MB) for nothing.
await import('libxml2-wasm');
register();
await import('../harness/cli/main.ts');
