package io.surgewms.bench.ship;

import io.surgewms.bench.spike.Api;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service (prod mode jar) as the spike drill runs it: started, killed with SIGKILL, started again on the
 * same database. Its pid goes to a file so the shell script can stop it if the drill dies.
 */
public final class Service {
    final Api api;
    final Map<String, String> env;
    final Path log, pidFile, gcLog;
    final String javaOpts;
    Process process;

    public Service(Api api, Map<String, String> env, Path out, String name, String javaOpts) {
        this.api = api;
        this.env = env;
        this.log = out.resolve(name + "-service.log");
        this.pidFile = out.resolve(name + "-service.pid");
        this.gcLog = out.resolve(name + "-gc-%p.log");
        this.javaOpts = javaOpts;
    }

    public long pid() { return process.pid(); }

    /** Starts the jar and waits until it is ready; answers the seconds it took. */
    public double start() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g", "-Xlog:gc:file=" + gcLog + "::filecount=0"));
        // as SpikeDrill: C1 only and a heap floor, as docker/Dockerfile runs it on a small box
        for (String opt : javaOpts.split("\\s+")) if (!opt.isBlank()) cmd.add(opt);
        cmd.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        File f = log.toFile();
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(f));
        long t = System.nanoTime();
        process = pb.start();
        Files.writeString(pidFile, process.pid() + "\n");
        for (int i = 0; i < 1200; i++) {
            if (!process.isAlive()) throw new IllegalStateException("the service stopped; see " + f);
            try {
                if (api.call("GET", "/q/health/ready", null).status() == 200) return (System.nanoTime() - t) / 1e9;
            } catch (java.io.IOException notYet) { /* starting */ }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service never became ready; see " + f);
    }

    /** kill -9: no shutdown hook runs, connections and in-flight calls are cut. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A clean stop at the end (SIGTERM). */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) kill();
    }
}
