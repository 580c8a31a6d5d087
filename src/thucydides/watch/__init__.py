"""watch: follow RSS and Atom feeds, fetch each new item's page once, politely and safely."""

from thucydides.watch.addresses import AddressPolicy, RefusedAddress
from thucydides.watch.feeds import Feed, FeedError, FeedItem, feed_urls, parse_feed
from thucydides.watch.fetch import Fetched, Fetcher, FetchError, Limits
from thucydides.watch.watcher import PollReport, Watcher

__all__ = [
    "AddressPolicy",
    "Feed",
    "FeedError",
    "FeedItem",
    "FetchError",
    "Fetched",
    "Fetcher",
    "Limits",
    "PollReport",
    "RefusedAddress",
    "Watcher",
    "feed_urls",
    "parse_feed",
]
