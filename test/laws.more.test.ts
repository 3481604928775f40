/**
 * Runs every law suite against every registered format: the second shard (test/laws.test.ts runs the first).
 */
import { runLaws, shard } from './lawRunner.js'

runLaws(shard(1))
