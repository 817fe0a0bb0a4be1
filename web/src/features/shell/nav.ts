import { BarChart3, Filter, Inbox, LayoutDashboard, Megaphone, Package, Settings, Sparkles, Users, type LucideIcon } from 'lucide-react';

export interface NavItem {
  href: string;
  key: 'dashboard' | 'leads' | 'segments' | 'catalogue' | 'campaigns' | 'inbox' | 'content' | 'analytics' | 'settings';
  icon: LucideIcon;
}

export const mainNav: NavItem[] = [
  { href: '/', key: 'dashboard', icon: LayoutDashboard },
  { href: '/leads', key: 'leads', icon: Users },
  { href: '/segments', key: 'segments', icon: Filter },
  { href: '/catalogue/products', key: 'catalogue', icon: Package },
  { href: '/campaigns', key: 'campaigns', icon: Megaphone },
  { href: '/inbox', key: 'inbox', icon: Inbox },
  { href: '/content', key: 'content', icon: Sparkles },
  { href: '/analytics', key: 'analytics', icon: BarChart3 },
];

export const settingsNavItem: NavItem = { href: '/settings/profile', key: 'settings', icon: Settings };

export function isActive(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/';
  const base = href.startsWith('/settings') ? '/settings' : href.startsWith('/catalogue') ? '/catalogue' : href;
  return pathname === base || pathname.startsWith(`${base}/`);
}
