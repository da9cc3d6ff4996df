/**
 * Readers of recorded traffic, shared by the command-line tool, the benchmarks and the test kit:
 * request corpora in JSON lines ({@link dev.bulwark.traffic.CorpusReader}), HTTP Archive files
 * ({@link dev.bulwark.traffic.HarReader}) and Bulwark's own security-event log lines
 * ({@link dev.bulwark.traffic.SecurityLogReader}). Readers refuse malformed input with a message
 * naming file and place: traffic read wrongly gives suggestions and figures that look right and are not.
 */
package dev.bulwark.traffic;
