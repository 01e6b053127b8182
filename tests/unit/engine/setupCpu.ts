import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

/** Unit tests run on the tfjs CPU backend in Node. */
export async function useCpuBackend(): Promise<typeof tf> {
  const ok = await tf.setBackend('cpu');
  if (!ok) throw new Error('tfjs cpu backend failed to initialise');
  await tf.ready();
  return tf;
}
