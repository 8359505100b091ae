package dev.engram.common;

/** A failure of the storage behind the index seam (disk, lock, corrupt files). */
public final class StorageException extends EngramException {
  public StorageException(String message, Throwable cause) {
    super("ENGRAM-500", message, cause);
  }

  public StorageException(String code, String message) {
    super(code, message);
  }
}
