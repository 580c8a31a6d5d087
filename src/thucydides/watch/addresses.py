"""Which network addresses a fetch may reach: public ones only, unless the user says otherwise.

A feed is text from strangers: its links (and the redirects of the pages they name) could point
at the machine's own services or a cloud's metadata endpoint. Every host is resolved before a
connection and every address it resolves to is checked; the connection then goes to the checked
address, so a name cannot resolve to another one in between.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class RefusedAddress(Exception):
    """The URL's host is, or resolves to, an address this policy does not reach."""


def _not_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


@dataclass(frozen=True)
class AddressPolicy:
    """`allow_private` lifts the check (a local news server, the tests); `also_allow` lists
    networks reachable besides the public ones."""

    allow_private: bool = False
    also_allow: tuple[IPNetwork, ...] = field(default_factory=tuple)

    def permits(self, address: IPAddress) -> bool:
        if self.allow_private or not _not_public(address):
            return True
        return any(address in network for network in self.also_allow)

    def resolve(self, host: str, port: int) -> str:
        """The address to connect to for `host`: the first one it resolves to, once every one
        of them is permitted (a name with one private address among public ones is refused)."""
        try:
            literal = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            literal = None
        if literal is not None:
            addresses = [literal]
        else:
            try:
                infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except (socket.gaierror, UnicodeError) as exc:
                raise RefusedAddress(f"cannot resolve {host}: {exc}") from None
            addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
        for address in addresses:
            if not self.permits(address):
                named = host if literal is not None else f"{host} ({address})"
                raise RefusedAddress(
                    f"{named} is a loopback, private, link-local or reserved address;"
                    " pass --allow-private to read from such a server"
                )
        return str(addresses[0])
