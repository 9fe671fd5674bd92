package dev.tributary.fetch;

import dev.tributary.model.Endpoint;
import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place a URL is made fit to show: the values of query parameters with a redacted name, and
 * a URL's {@code user:password@}, become {@code ***}. Every URL that leaves the fetch stage (in a
 * result, a dead letter, a reason or a log line) goes through it.
 */
public final class Redactor implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String MASK = "***";

  /** A URL inside a longer text, e.g. a reason quoting the URL it could not request. */
  private static final Pattern URL_IN_TEXT =
      Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>]+");

  private final Set<String> names;

  /**
   * @param names header and query-parameter names whose values are hidden (any case)
   */
  public Redactor(List<String> names) {
    this.names = Set.copyOf(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
  }

  /** Whether a header or query parameter of this name has its value hidden. */
  public boolean hides(String name) {
    return names.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The URL with its secrets replaced by {@code ***}; works on malformed URLs too. */
  public String url(String url) {
    if (url == null) return null;
    int fragment = url.indexOf('#');
    String beforeFragment = fragment < 0 ? url : url.substring(0, fragment);
    String tail = fragment < 0 ? "" : url.substring(fragment);
    int query = beforeFragment.indexOf('?');
    String base = query < 0 ? beforeFragment : beforeFragment.substring(0, query);
    String redacted = withoutUserInfo(base);
    if (query >= 0) redacted += "?" + redactQuery(beforeFragment.substring(query + 1));
    return redacted + tail;
  }

  /** The endpoint with its URL redacted. */
  public Endpoint endpoint(Endpoint e) {
    String url = url(e.url());
    return Objects.equals(url, e.url())
        ? e
        : new Endpoint(e.name(), url, e.round(), e.polledAtMillis());
  }

  /** The text with every URL in it passed through {@link #url}. */
  public String text(String text) {
    if (text == null) return null;
    Matcher m = URL_IN_TEXT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(url(m.group())));
    m.appendTail(out);
    return out.toString();
  }

  private static String withoutUserInfo(String base) {
    int scheme = base.indexOf("://");
    int authorityStart = scheme < 0 ? 0 : scheme + 3;
    int path = base.indexOf('/', authorityStart);
    int authorityEnd = path < 0 ? base.length() : path;
    int at = base.lastIndexOf('@', authorityEnd - 1);
    if (at < authorityStart) return base;
    return base.substring(0, authorityStart) + MASK + base.substring(at);
  }

  private String redactQuery(String query) {
    String[] params = query.split("&", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < params.length; i++) {
      if (i > 0) out.append('&');
      String param = params[i];
      int equals = param.indexOf('=');
      String name = equals < 0 ? param : param.substring(0, equals);
      if (equals >= 0 && hides(decode(name))) {
        out.append(name).append('=').append(MASK);
      } else {
        out.append(param);
      }
    }
    return out.toString();
  }

  private static String decode(String name) {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return name;
    }
  }
}
