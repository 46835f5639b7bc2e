package org.contactpoint.involvement;

import jakarta.inject.Singleton;
import org.contactpoint.involvement.security.WebhookTargets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's resolver in tests: names under {@code .webhook.test} resolve to whatever a scenario points them at
 * (as a DNS record an organisation controls would), every other name as the platform resolves it.
 */
@Singleton
public class PointableResolver implements WebhookTargets.Resolver {

    static final String DOMAIN = ".webhook.test";
    private static final Map<String, InetAddress> POINTED = new ConcurrentHashMap<>();

    static void point(String host, String address) throws UnknownHostException {
        POINTED.put(host, InetAddress.getByName(address));
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.endsWith(DOMAIN)) {
            InetAddress address = POINTED.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[]{address};
        }
        return InetAddress.getAllByName(host);
    }
}
