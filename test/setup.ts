import * as fc from 'fast-check'

// Property runs per law: 100 by default, raised in CI through LAW_RUNS.
const runs = Number(process.env.LAW_RUNS ?? (process.env.CI === 'true' ? 200 : 100))
fc.configureGlobal({ numRuns: Number.isFinite(runs) && runs > 0 ? runs : 100 })
