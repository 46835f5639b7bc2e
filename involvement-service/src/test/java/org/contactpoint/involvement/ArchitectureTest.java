package org.contactpoint.involvement;

import org.contactpoint.testing.architecture.LayerWalls;
import org.junit.jupiter.api.Test;

/** The walls between involvement-service's layers (see the README's "Inside the service"). */
class ArchitectureTest {

    @Test
    void layersCallOneWay() {
        LayerWalls.check("org.contactpoint.involvement");
    }
}
