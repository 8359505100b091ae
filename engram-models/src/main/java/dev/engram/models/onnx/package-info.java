/**
 * The default in-process embedder: bge-small-en-v1.5 (quantised ONNX from the LangChain4j model
 * jar) on ONNX Runtime, with its WordPiece tokenizer for sizing chunks.
 */
package dev.engram.models.onnx;
