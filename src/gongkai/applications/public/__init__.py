"""The public side of 依申请公开: applying online and looking up an application's progress.

Nothing here needs a login. Everything an anonymous visitor can read about an
application goes through :func:`gongkai.applications.public.throttle.look_up_status`,
which returns only what a receipt slip may reveal.
"""
