package dev.tributary.fetch;

/** What to do after one attempt: keep the response, try again, or give the endpoint up. */
public enum Outcome {
  OK,
  RETRY,
  FAIL
}
