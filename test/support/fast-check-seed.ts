import fc from 'fast-check'

/**
 * Property tests draw new cases on every run, except under CI, where they replay one seed so that a
 * red run is about the change. `FC_SEED` replays the seed a failure reported.
 */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20_261_202 : undefined
if (seed !== undefined) fc.configureGlobal({ seed })
