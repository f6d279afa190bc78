package example.modules;

import io.dsn.DSNodeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ModularNodesTest {

    @Test
    void dsnCoreIsTheNamedModuleOfItsDescriptorExportingOnlyTheApi() {
        Module core = DSNodeServer.class.getModule();
        ModuleDescriptor descriptor = core.getDescriptor();
        assertEquals("io.dsn.core", core.getName());
        assertFalse(descriptor.isAutomatic(), "dsn-core ran as an automatic module, not from its module-info");
        Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(Set.of("io.dsn", "io.dsn.transport", "io.dsn.runtime"), exported);
        assertFalse(core.getPackages().stream().filter(name -> name.startsWith("io.dsn.internal"))
                .anyMatch(core::isExported), "an internal package is exported");
    }

    @Test
    void theFounderReadsWhatTheMemberWrote(@TempDir Path credentials) throws Exception {
        assertEquals("modular", ModularNodes.run(credentials));
    }
}
