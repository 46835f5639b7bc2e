package org.contactpoint.audit;

import org.contactpoint.testing.architecture.LayerWalls;
import org.junit.jupiter.api.Test;

/** The package walls inside audit-service (see README, "Inside the service"). */
class ArchitectureTest {

    @Test
    void layersCallOneWay() {
        LayerWalls.check("org.contactpoint.audit");
    }
}
