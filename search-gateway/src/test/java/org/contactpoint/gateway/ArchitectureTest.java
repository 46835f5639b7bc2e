package org.contactpoint.gateway;

import org.contactpoint.testing.architecture.LayerWalls;
import org.junit.jupiter.api.Test;

/** The package walls inside the gateway (see the README's "Inside the service"). */
class ArchitectureTest {

    @Test
    void layersCallOneWayOnly() {
        LayerWalls.check("org.contactpoint.gateway");
    }
}
