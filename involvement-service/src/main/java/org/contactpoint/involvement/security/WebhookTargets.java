package org.contactpoint.involvement.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.involvement.config.WebhookConfig;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where a webhook may point: only at public addresses (issue 16, SSRF). A registered URL whose host is, or resolves
 * to, a private, loopback, link-local (cloud metadata, 169.254.169.254), shared, reserved or multicast address would
 * let an organisation's system make ContactPoint call into its own network. Checked when the URL is registered and
 * again before each push, after resolving the name then (a name can be pointed elsewhere after registration). The
 * HTTP client resolves the name again within the JVM's positive lookup cache (30 s by default), so it connects to
 * the address checked here; redirects are never followed.
 */
@ApplicationScoped
public class WebhookTargets {

    /** Resolves a host name to every address it has; a seam so that a test can point a name elsewhere. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final List<AddressRanges.Range> allowed;

    public WebhookTargets(Resolver resolver, WebhookConfig config) {
        this.resolver = resolver;
        this.allowed = config.allowedPrivateNetworks().orElse(List.of()).stream().map(AddressRanges::parse).toList();
    }

    /** Why the URL's host may not be called, in words; empty when every address it resolves to is public. */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.of("has no host");
        }
        // URI keeps the brackets of an IPv6 literal.
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("has a host that does not resolve");
        }
        if (addresses.length == 0) {
            return Optional.of("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!AddressRanges.isPublic(address) && allowed.stream().noneMatch(r -> r.contains(address))) {
                return Optional.of("reaches a private, loopback, link-local or reserved address ("
                        + address.getHostAddress() + "), which a webhook may not");
            }
        }
        return Optional.empty();
    }
}
