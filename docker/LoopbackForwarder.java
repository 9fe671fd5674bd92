import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Makes a server that binds only 127.0.0.1 reachable from other containers: accepts on
 * 0.0.0.0:LISTEN_PORT and copies every connection both ways to 127.0.0.1:TARGET_PORT. The demo
 * API binds 127.0.0.1 and has no flag to bind another address; this goes once it has one.
 *
 * <p>{@code java LoopbackForwarder.java 8090 8089} with a JDK; docker/Dockerfile compiles it.
 */
public final class LoopbackForwarder {
  public static void main(String[] args) throws IOException {
    int listenPort = Integer.parseInt(args[0]);
    int targetPort = Integer.parseInt(args[1]);
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress("0.0.0.0", listenPort), 1024);
      System.out.printf("forwarding 0.0.0.0:%d to 127.0.0.1:%d%n", listenPort, targetPort);
      while (true) {
        Socket client = server.accept();
        new Thread(() -> connect(client, targetPort), "forward").start();
      }
    }
  }

  private static void connect(Socket client, int targetPort) {
    try {
      Socket target = new Socket("127.0.0.1", targetPort);
      client.setTcpNoDelay(true);
      target.setTcpNoDelay(true);
      Thread back = new Thread(() -> copy(target, client), "forward-back");
      back.start();
      copy(client, target);
    } catch (IOException e) {
      close(client);
    }
  }

  /** Copies until either side ends, then closes both (a half-close is not needed for HTTP). */
  private static void copy(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // The other direction closed the sockets, or a peer went away: nothing left to copy.
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }
}
