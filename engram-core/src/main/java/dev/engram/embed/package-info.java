/** The embedder seam: texts to vectors, and the tokenizer that sizes chunks for it. */
package dev.engram.embed;
