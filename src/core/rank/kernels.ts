/**
 * Every kernel by name, for the worker threads (adapters/workers), which receive a task's name and arrays
 * but not its function.
 */
import { harmonicBfsKernel } from './harmonic-exact.ts';
import { hitsAuthorityKernel, hitsHubKernel } from './hits.ts';
import { hyperballStepKernel } from './hyperball.ts';
import type { Kernel, KernelName } from './kernel.ts';
import { pagerankPullKernel } from './pagerank.ts';

export const KERNELS: Readonly<Record<KernelName, Kernel>> = {
  'pagerank-pull': pagerankPullKernel as Kernel,
  'hits-authority': hitsAuthorityKernel as Kernel,
  'hits-hub': hitsHubKernel as Kernel,
  'hyperball-step': hyperballStepKernel as Kernel,
  'harmonic-bfs': harmonicBfsKernel as Kernel,
};
