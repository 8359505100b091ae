/**
 * Answers: a {@link dev.engram.context.Context} rendered by a {@link
 * dev.engram.answer.PromptTemplate}, sent to the chat model, its [n] citations parsed, and the turn
 * remembered; without a model, an extractive answer made of the best supporting sentences.
 */
package dev.engram.answer;
