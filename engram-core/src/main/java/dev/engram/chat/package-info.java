/**
 * The chat model seam: {@link dev.engram.chat.ChatModel} turns a list of messages into an answer
 * from an LLM, whole or streamed token by token. With no endpoint configured ({@link
 * dev.engram.chat.ChatModelConfig#fromEnvironment} is empty) generation is off and everything else
 * still works.
 */
package dev.engram.chat;
