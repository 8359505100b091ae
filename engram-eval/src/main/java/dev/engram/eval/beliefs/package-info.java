/**
 * {@code engram eval beliefs}: replays scripted conversations through the real memory engine and
 * compares what it then believes (its live and superseded memories) with the facts the script
 * expects: live-fact precision and recall, supersedes done, false NOOPs.
 */
package dev.engram.eval.beliefs;
