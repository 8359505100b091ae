package dev.engram.memory.model;

import dev.engram.common.InvalidInputException;
import java.time.Duration;
import java.time.Instant;

/**
 * The check of a time given for a message, the same for the CLI and the server: a time more than
 * a day after now is a typo (a wrong year), refused before anything is stored. A day, not zero:
 * a client's clock or time zone may be hours off.
 */
public final class MessageTimes {
  /** How far after now a message's time may be. */
  public static final Duration SLACK = Duration.ofDays(1);

  private MessageTimes() {}

  /**
   * {@code time}, unless it is more than {@link #SLACK} after {@code now}.
   *
   * @param what how the caller named the time, for the message ({@code --at 2999-01-01})
   * @throws InvalidInputException ENGRAM-313 naming {@code what}
   */
  public static Instant notInTheFuture(Instant time, Instant now, String what) {
    if (time.isAfter(now.plus(SLACK))) {
      throw new InvalidInputException("ENGRAM-313", what + " is " + time
          + ", more than a day in the future: give when it was said (default: now)");
    }
    return time;
  }
}
