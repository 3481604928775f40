/**
 * Runs every law suite against every registered format: the first shard (test/laws.more.test.ts runs the second).
 */
import { runLaws, shard } from './lawRunner.js'

runLaws(shard(0))
