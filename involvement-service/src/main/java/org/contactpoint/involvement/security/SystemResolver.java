package org.contactpoint.involvement.security;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The platform's resolver (DNS, hosts file), through the JVM's lookup cache that the HTTP client shares. */
@DefaultBean
@ApplicationScoped
public class SystemResolver implements WebhookTargets.Resolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
