## Предупреждения и санкции

cmd-mywarns = Мои предупреждения
cmd-warn = Предупредить (ответом или @имя) [правило] [причина]
cmd-unwarn = Снять последнее предупреждение
cmd-warns = Предупреждения участника
cmd-mute = Запретить писать [30m|2h|3d|1w] [причина]
cmd-unmute = Снова разрешить писать
cmd-ban = Исключить [срок] [причина]
cmd-unban = Разбанить
cmd-del = Удалить сообщение (ответом)
sanction-in-group = Эта команда работает в группе: ответьте ею на сообщение участника или укажите @имя.
sanction-self = К себе эту команду применить нельзя.
sanction-protected = Эту команду нельзя применить к администратору (а модератору — к другому модератору).
sanction-no-rights = У меня нет нужного права в этой группе: сделайте меня администратором с правом «Блокировка участников» (can_restrict_members) и «Удаление сообщений».
sanction-nothing = Здесь нечего отменять.
sanction-reason = Причина: { $reason }
sanction-rule = Правило { $rule }
sanction-forever = бессрочно
sanction-until = до { $when }
sanction-bad-duration = Не понял срок. Примеры: 30m, 2h, 3d, 1w (или 30м, 2ч, 3д, 1н), не больше года.
warn-usage = Ответьте <code>/warn [номер правила] [причина]</code> на сообщение участника — или <code>/warn @имя …</code>.
unwarn-usage = Ответьте <code>/unwarn</code> на сообщение участника — или <code>/unwarn @имя</code>.
warns-usage = Ответьте <code>/warns</code> на сообщение участника — или <code>/warns @имя</code>.
mute-usage = Ответьте <code>/mute [срок] [причина]</code> на сообщение участника — или <code>/mute @имя 2h …</code>. Без срока — бессрочно.
unmute-usage = Ответьте <code>/unmute</code> на сообщение участника — или <code>/unmute @имя</code>.
ban-usage = Ответьте <code>/ban [срок] [причина]</code> на сообщение участника — или <code>/ban @имя …</code>. Без срока — бессрочно.
unban-usage = Отправьте <code>/unban @имя</code> или <code>/unban id</code>.
del-usage = Ответьте <code>/del</code> на сообщение, которое нужно удалить.
del-failed = Не удалось удалить: Telegram не даёт удалять сообщения старше 48 часов.
warn-given = ⚠️ { $name }, предупреждение { $count } из { $limit }.
warn-limit-mute = { $name } получает { $limit }-е предупреждение и не может писать { $hours ->
        [1] 1 час
        [24] сутки
       *[other] неделю
    }. Счёт предупреждений начинается заново.
warn-limit-ban = { $name } получает { $limit }-е предупреждение и исключается из группы.
unwarn-done = Последнее предупреждение { $name } снято.
warns-none = У { $name } нет действующих предупреждений.
warns-title = Предупреждения { $name } ({ $count }):
warns-no-reason = без причины
warns-line = { $number }. { $when }: { $reason }
mute-done = 🔇 { $name } не может писать в группе { $until }.
ban-done = 🚫 { $name } исключён(а) из группы { $until }.
unmute-done = 🔈 { $name } снова может писать.
unban-done = { $name } может вернуться в группу.
modlog-action-warn = предупредил(а)
modlog-action-unwarn = снял(а) предупреждение с
modlog-action-mute = запретил(а) писать
modlog-action-unmute = разрешил(а) писать
modlog-action-ban = исключил(а)
modlog-action-unban = разбанил(а)
modlog-action-del = удалил(а) сообщение
