// Temporal's Java time-skipping test server, started at a chosen initial time.
//
// The stock main class (io.temporal.testserver.TestServer) always starts at
// "now"; workflow tests here need a fixed calendar date (working days, 调休),
// so this launcher passes the initial time to TestServicesStarter itself.
//
// Run (single-file source launch, Java 11+):
//   java -Xmx256m -cp "$(cat "$TEMPORAL_TEST_SERVER_CLASSPATH")" \
//     temporal-config/test-server/TimeSkippingTestServer.java <port> [<initial-time>] [--exit-on-stdin-close]
//
//   <port>          TCP port on 127.0.0.1; 0 picks a free one (the port is printed).
//   <initial-time>  ISO-8601 with offset, e.g. 2026-01-05T09:00:00+08:00; default now.
//   --exit-on-stdin-close  also stop when stdin reaches EOF, so a test runner that
//                   dies without killing us does not leave the JVM behind.
//
// Prints "READY <port>" on stdout once the gRPC server accepts connections,
// then blocks until killed (SIGTERM/SIGINT run the shutdown hook).

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

public class TimeSkippingTestServer {
  public static void main(String[] args) throws Exception {
    // Before any logger exists: the test server is chatty at info level.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");

    boolean exitOnStdinClose = false;
    List<String> positional = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--exit-on-stdin-close")) {
        exitOnStdinClose = true;
      } else {
        positional.add(arg);
      }
    }
    if (positional.isEmpty() || positional.size() > 2) {
      System.err.println(
          "usage: TimeSkippingTestServer <port> [<initial-time ISO-8601 with offset>] [--exit-on-stdin-close]");
      System.exit(2);
    }
    int port = Integer.parseInt(positional.get(0));
    long initialMillis =
        positional.size() == 2
            ? OffsetDateTime.parse(positional.get(1)).toInstant().toEpochMilli()
            : System.currentTimeMillis();

    // false = time skipping stays enabled (that is the point of this server).
    // Start locked, like the stock server: time skips only while a client unlocks it
    // (awaiting a result, or an explicit sleep), so a test sets the pace.
    TestServicesStarter starter = new TestServicesStarter(true, initialMillis);
    // Loopback only: tests talk to it from this machine, nothing else should.
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    GRPCServerHelper.registerServicesAndHealthChecks(starter.getServices(), builder);
    Server server = builder.build().start();

    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  try {
                    server.awaitTermination(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  server.shutdownNow();
                  starter.close();
                }));

    System.out.println("READY " + server.getPort());
    System.out.flush();

    if (exitOnStdinClose) {
      watchStdin();
    }
    server.awaitTermination();
  }

  private static void watchStdin() {
    Thread watcher =
        new Thread(
            () -> {
              InputStream in = System.in;
              byte[] buf = new byte[256];
              try {
                while (in.read(buf) >= 0) {
                  // Discard input; only EOF matters.
                }
              } catch (IOException ignored) {
                // Treat a broken stdin like EOF.
              }
              System.exit(0); // runs the shutdown hook
            },
            "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
