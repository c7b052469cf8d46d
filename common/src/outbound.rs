//! Requests Carcosa makes to addresses its users choose — webhook deliveries and URL imports —
//! behind one SSRF guard:
//!
//! * the host is resolved **once**, every address it resolves to is checked, and the connection
//!   goes to a checked address only (the guard is reqwest's DNS resolver, so there is no second
//!   lookup an attacker's DNS could answer differently);
//! * refused: loopback, private (RFC 1918, ULA), link-local (169.254.0.0/16 with the cloud
//!   metadata endpoints, fe80::/10), CGNAT (100.64.0.0/10), multicast, unspecified, broadcast,
//!   documentation and benchmarking ranges, reserved 240.0.0.0/4, IPv4-mapped and -translated
//!   IPv6 (`::ffff:0:0/96`, `64:ff9b::/96`), 6to4 and Teredo — unless an operator allow-list
//!   (`outbound.allow_cidrs`) names the range; `carcosa dev` allows loopback;
//! * URLs are parsed by the WHATWG rules, so `http://2130706433/`, `http://0177.0.0.1/` and
//!   `http://[::ffff:127.0.0.1]/` are the IP addresses they spell and are refused as such;
//! * only `http` and `https`, no credentials in the URL, no redirects followed by the client (a
//!   caller that follows them re-checks each hop through [`Outbound::check_url`]).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use ipnet::IpNet;
use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Why a destination was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// The outbound policy: what may be reached besides the public internet.
#[derive(Debug, Clone, Default)]
pub struct Outbound {
    allow: Arc<Vec<IpNet>>,
    allow_loopback: bool,
}

impl Outbound {
    /// A policy allowing the public internet, plus `allow` (operator CIDRs), plus loopback when
    /// `allow_loopback` (development only).
    pub fn new(allow: Vec<IpNet>, allow_loopback: bool) -> Self {
        Self {
            allow: Arc::new(allow),
            allow_loopback,
        }
    }

    /// Parses `outbound.allow_cidrs` entries (`10.1.2.0/24`, `fd00::/8`, or a bare address).
    pub fn parse_cidrs(entries: &[String]) -> Result<Vec<IpNet>, String> {
        entries
            .iter()
            .map(|e| {
                e.parse::<IpNet>()
                    .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("outbound.allow_cidrs: {e:?} is not an address or CIDR range"))
            })
            .collect()
    }

    /// Whether `ip` may be connected to; the refusal names the range.
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), Refused> {
        if self.allow.iter().any(|net| net.contains(&ip)) {
            return Ok(());
        }
        match special_range(ip) {
            None => Ok(()),
            Some("loopback") if self.allow_loopback => Ok(()),
            Some(range) => Err(Refused(format!(
                "{ip} is a {range} address, which Carcosa does not connect to (an operator can allow it with outbound.allow_cidrs)"
            ))),
        }
    }

    /// Checks a URL before any request: scheme, credentials, and a host that is an IP literal
    /// (names are checked when they resolve).
    pub fn check_url(&self, raw: &str) -> Result<Url, Refused> {
        let url = Url::parse(raw).map_err(|e| Refused(format!("not a valid URL: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refused(format!(
                "only http and https URLs are allowed, not {}:",
                url.scheme()
            )));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Refused("URLs with credentials (user:password@) are not allowed".into()));
        }
        match url.host() {
            None => Err(Refused("the URL has no host".into())),
            Some(url::Host::Ipv4(ip)) => self.check_ip(IpAddr::V4(ip)).map(|()| url),
            Some(url::Host::Ipv6(ip)) => self.check_ip(IpAddr::V6(ip)).map(|()| url),
            Some(url::Host::Domain(_)) => Ok(url),
        }
    }

    /// An HTTP client whose every connection goes through this policy: names resolve once, to
    /// allowed addresses only; no redirects are followed; no proxy from the environment.
    pub fn client(&self, timeout: Duration, user_agent: &str) -> reqwest::Client {
        reqwest::Client::builder()
            .dns_resolver(Arc::new(GuardedResolver { policy: self.clone() }))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(user_agent)
            .build()
            .unwrap_or_else(|_| reqwest::Client::new())
    }
}

/// reqwest's resolver: the system's lookup, then only the addresses the policy allows. A name
/// with none left fails to connect with the refusal as the error.
struct GuardedResolver {
    policy: Outbound,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if found.is_empty() {
                return Err(format!("{host} does not resolve").into());
            }
            let mut refusal = None;
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|a| match policy.check_ip(a.ip()) {
                    Ok(()) => true,
                    Err(e) => {
                        refusal.get_or_insert(e);
                        false
                    }
                })
                .collect();
            if allowed.is_empty() {
                let why = refusal.map_or_else(String::new, |r| r.0);
                return Err(
                    Box::new(Refused(format!("{host} resolves to a refused address: {why}")))
                        as Box<dyn std::error::Error + Send + Sync>,
                );
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// An error with its causes, for logs and attempt records (the guard's refusal is a cause of
/// reqwest's connect error, so it is only visible this way).
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}

/// The special-purpose range `ip` is in, if any (IANA's special-purpose registries, plus the
/// ranges that reach another family's special addresses).
pub fn special_range(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => special_v4(v4),
        IpAddr::V6(v6) => special_v6(v6),
    }
}

fn special_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (127, _, _) => "loopback",
        (0, _, _) => "unspecified (0.0.0.0/8)",
        (10, _, _) | (192, 168, _) => "private",
        (172, 16..=31, _) => "private",
        (169, 254, _) => "link-local (cloud metadata)",
        (100, 64..=127, _) => "shared (CGNAT)",
        (192, 0, 0) => "IETF protocol assignment",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "documentation",
        (192, 88, 99) => "6to4 relay",
        (198, 18..=19, _) => "benchmarking",
        (224..=239, _, _) => "multicast",
        (240..=255, _, _) => "reserved (or broadcast)",
        _ => return None,
    })
}

fn special_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if ip.is_loopback() {
        return Some("loopback");
    }
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    let s = ip.segments();
    Some(match s {
        [0, 0, 0, 0, 0, 0xffff, _, _] => "IPv4-mapped IPv6",
        [0, 0, 0, 0, 0, 0, _, _] => "IPv4-compatible IPv6",
        [0x64, 0xff9b, ..] => "IPv4-translated IPv6 (NAT64)",
        [0x100, 0, 0, 0, ..] => "discard-only",
        [0x2001, 0..=0x1ff, ..] => "IETF protocol assignment (Teredo, …)",
        [0x2001, 0xdb8, ..] => "documentation",
        [0x2002, ..] => "6to4",
        [x, ..] if x & 0xfe00 == 0xfc00 => "private (unique local)",
        [x, ..] if x & 0xffc0 == 0xfe80 => "link-local",
        [x, ..] if x & 0xffc0 == 0xfec0 => "site-local",
        [x, ..] if x & 0xff00 == 0xff00 => "multicast",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(p: &Outbound, url: &str) -> bool {
        p.check_url(url).is_err()
    }

    #[test]
    fn special_addresses_are_refused_however_they_are_spelled() {
        let p = Outbound::default();
        for url in [
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0177.0.0.1/",
            "http://0x7f.1/",
            "http://127.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://[::ffff:10.0.0.1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/",
            "http://10.1.2.3/",
            "http://172.20.0.1/",
            "http://192.168.1.1/",
            "http://100.100.100.200/",
            "http://0.0.0.0/",
            "http://[::]/",
            "http://224.0.0.1/",
            "http://255.255.255.255/",
            "http://[fe80::1]/",
            "http://[64:ff9b::7f00:1]/",
            "http://[2002:7f00:1::]/",
            "http://[2001::1]/",
        ] {
            assert!(refused(&p, url), "{url} must be refused");
        }
        for url in [
            "http://93.184.215.14/",
            "https://[2606:4700::1111]/",
            "https://example.com/hook",
        ] {
            assert!(!refused(&p, url), "{url} is public");
        }
        for url in [
            "ftp://example.com/",
            "file:///etc/passwd",
            "http://user:pw@example.com/",
            "gopher://x/",
        ] {
            assert!(refused(&p, url), "{url}");
        }
    }

    #[test]
    fn allow_lists_and_dev_loopback() {
        let dev = Outbound::new(vec![], true);
        assert!(dev.check_url("http://127.0.0.1:8080/").is_ok());
        assert!(dev.check_url("http://[::1]:8080/").is_ok());
        assert!(dev.check_url("http://10.0.0.1/").is_err(), "dev allows loopback only");
        let cidrs = Outbound::parse_cidrs(&["10.1.0.0/16".into(), "192.168.7.7".into()]).unwrap();
        let op = Outbound::new(cidrs, false);
        assert!(op.check_url("http://10.1.2.3/").is_ok());
        assert!(op.check_url("http://192.168.7.7/").is_ok());
        assert!(op.check_url("http://192.168.7.8/").is_err());
        assert!(op.check_url("http://127.0.0.1/").is_err());
        assert!(Outbound::parse_cidrs(&["nope".into()]).is_err());
    }
}
