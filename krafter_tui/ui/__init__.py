"""The Textual side: the screens (:mod:`.screens`), the widgets they are made of
(:mod:`.widgets`), and what the screens share: the table of keys (:mod:`.keys`, plain data)
and its Textual bindings (:mod:`.bindings`), the command palette (:mod:`.palette`), the panes
drawn from the core's model (:mod:`.panes`), alerts on screen (:mod:`.alert_desk`), exports
delivered (:mod:`.delivery`), and the stylesheets' folder (:mod:`.stylesheets`).

May import every core room (``api``, ``feeds``, ``overview``, ``alerts``, ``export``,
``credentials``, ``config``, ``local``, ``text``). Nothing of the core imports it.
"""
