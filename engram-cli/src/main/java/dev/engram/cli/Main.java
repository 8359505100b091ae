package dev.engram.cli;

/** Entry point of the {@code engram} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("engram: under construction");
  }
}
