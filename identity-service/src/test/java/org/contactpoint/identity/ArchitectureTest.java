package org.contactpoint.identity;

import org.contactpoint.testing.architecture.LayerWalls;
import org.junit.jupiter.api.Test;

/** The walls between identity-service's packages (see ARCHITECTURE.md): a broken wall fails the build. */
class ArchitectureTest {

    @Test
    void layersCallOneWay() {
        LayerWalls.check("org.contactpoint.identity");
    }
}
