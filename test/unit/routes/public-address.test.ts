import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../../main/core/connector/public-address.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', /loopback/], ['127.8.9.10', /loopback/], ['10.0.0.5', /private/], ['172.31.255.255', /private/],
    ['192.168.1.20', /private/], ['100.64.0.1', /carrier-grade NAT/], ['100.127.255.254', /carrier-grade NAT/],
    ['169.254.10.1', /link-local/], ['0.0.0.0', /this network/], ['203.0.113.7', /documentation/], ['224.0.0.251', /multicast/],
    ['255.255.255.255', /reserved/], ['::1', /loopback/], ['::', /unspecified/], ['fd12:3456::1', /unique local/],
    ['fc00::1', /unique local/], ['fe80::1', /link-local/], ['fe80::1%eth0', /link-local/], ['ff02::1', /multicast/],
    ['2001:db8::1', /documentation/], ['::ffff:127.0.0.1', /loopback/], ['::ffff:10.1.2.3', /private/], ['[::1]', /loopback/],
  ])('%s is not public', (address, range) => {
    const v = classifyAddress(address);
    expect(v.public).toBe(false);
    expect(v.range).toMatch(range);
  });

  it.each(['8.8.8.8', '160.79.104.10', '100.63.255.255', '100.128.0.1', '172.32.0.1', '2606:4700:4700::1111', '2607:6bc0::10', '::ffff:1.1.1.1'])('%s is public', (address) => {
    expect(classifyAddress(address)).toEqual({ address: address.replace(/^\[|\]$/g, ''), public: true });
  });

  it('a host name is not an address', () => {
    expect(classifyAddress('iam.example.com')).toMatchObject({ public: false, range: 'not an IP address' });
  });
});
