package io.dsn.spring.test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Path;

/** A temporary directory deleted with everything in it when its context closes (after the nodes stopped). */
final class TemporaryDirectory implements DisposableBean {

    private final Path path;

    TemporaryDirectory(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    @Override
    public void destroy() throws IOException {
        FileSystemUtils.deleteRecursively(path);
    }
}
