/** Fails when `condition` does not hold within `ms`, instead of waiting as long as the session would. */
export const until = async (condition: () => boolean, ms = 2000): Promise<void> => {
  for (const deadline = Date.now() + ms; !condition(); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** Fails when `work` is still pending after `ms`: what took that long waited for something it should not. */
export const settlesWithin = async <T>(work: Promise<T>, ms = 2000): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
};

/** Runs `step` (a sync, say) until `condition` holds, for what reaches another server in the background; fails after `ms`. */
export const afterSteps = async (condition: () => boolean, step: () => Promise<unknown>, ms = 2000): Promise<void> => {
  for (const deadline = Date.now() + ms; !condition(); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await step();
  }
};
