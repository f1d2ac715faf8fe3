<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr_TR">
<context>
    <name>AppController</name>
    <message>
        <source>Reflect on today</source>
        <translation>Bugünü değerlendirin</translation>
    </message>
    <message>
        <source>A few minutes for today: what went well, and what to carry into tomorrow.</source>
        <translation>Bugün için birkaç dakika: neler iyi gitti, yarına ne taşımak istersiniz?</translation>
    </message>
    <message>
        <source>Reflect</source>
        <translation>Değerlendir</translation>
    </message>
    <message>
        <source>mlcoach is running</source>
        <translation>mlcoach çalışıyor</translation>
    </message>
    <message>
        <source>GNOME shows no tray icons: prompts arrive as notifications you can answer, and mlcoach opens from the app grid. For a tray icon, turn on the AppIndicator extension (package gnome-shell-extension-appindicator) in Extensions.</source>
        <translation>GNOME sistem tepsisi simgelerini göstermez: hatırlatmalar yanıtlayabileceğiniz bildirimler olarak gelir ve mlcoach uygulama ızgarasından açılır. Tepsi simgesi için Uzantılar’da AppIndicator uzantısını açın (paket: gnome-shell-extension-appindicator).</translation>
    </message>
    <message>
        <source>mlcoach is already running in the tray.</source>
        <translation>mlcoach zaten sistem tepsisinde çalışıyor.</translation>
    </message>
    <message>
        <source>Before your meeting: {0}</source>
        <translation>Toplantınızdan önce: {0}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Kaydedilmedi: {reason}</translation>
    </message>
</context>
<context>
    <name>CaptureWindow</name>
    <message>
        <source>Capture a moment</source>
        <translation>Bir an kaydet</translation>
    </message>
    <message>
        <source>What small leadership moment just happened?</source>
        <translation>Az önce hangi küçük liderlik anı yaşandı?</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Describe the moment in one line. Type @ and a name for a person, # and a word for a tag. Enter saves, Escape keeps the draft.</source>
        <translation>Anı tek satırda anlatın. Bir kişi için @ ve adını, etiket için # ve bir sözcük yazın. Enter kaydeder, Escape taslağı saklar.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Audience style</source>
        <translation>Karşınızdakinin tarzı</translation>
    </message>
    <message>
        <source>@name for a person · #tag for a tag · Enter saves · Esc keeps the draft</source>
        <translation>@ad: kişi · #etiket: etiket · Enter: kaydet · Esc: taslak kalsın</translation>
    </message>
    <message>
        <source>{name}, Alt+{key}</source>
        <translation>{name}, Alt+{key}</translation>
    </message>
    <message>
        <source>{name}, Ctrl+{key}</source>
        <translation>{name}, Ctrl+{key}</translation>
    </message>
    <message>
        <source>Alt+1–7</source>
        <translation>Alt+1–7</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Karşınızdaki</translation>
    </message>
    <message>
        <source>Ctrl+1–4</source>
        <translation>Ctrl+1–4</translation>
    </message>
    <message>
        <source>Shortcut: {keys}</source>
        <translation>Kısayol: {keys}</translation>
    </message>
    <message>
        <source>Write a few words about what happened.</source>
        <translation>Ne olduğunu birkaç sözcükle yazın.</translation>
    </message>
    <message>
        <source>Another mlcoach is writing; this is saved as soon as it is done…</source>
        <translation>Başka bir mlcoach yazıyor; o bitirir bitirmez kaydedilecek…</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Kaydedilmedi: {reason}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Kaydedildi</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>%1: summary</source>
        <translation>%1: özet</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tablo</translation>
    </message>
    <message>
        <source>Show the exact numbers as a table</source>
        <translation>Tam sayıları tablo olarak göster</translation>
    </message>
    <message>
        <source>Show %1 as a table</source>
        <translation>%1 tablo olarak gösterilsin</translation>
    </message>
    <message>
        <source>%1 (table)</source>
        <translation>%1 (tablo)</translation>
    </message>
</context>
<context>
    <name>CoachInputs</name>
    <message>
        <source>What to compose</source>
        <translation>Hazırlanacak öneri</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Kim</translation>
    </message>
    <message>
        <source>A saved person, or anyone: a name, a team, an audience. Optional.</source>
        <translation>Kayıtlı bir kişi ya da herhangi biri: bir ad, bir ekip, bir topluluk. İsteğe bağlı.</translation>
    </message>
    <message>
        <source>A saved person, or anyone (optional)</source>
        <translation>Kayıtlı bir kişi ya da herhangi biri (isteğe bağlı)</translation>
    </message>
    <message>
        <source>Their style</source>
        <translation>Onun tarzı</translation>
    </message>
    <message>
        <source>About this style</source>
        <translation>Bu tarz hakkında</translation>
    </message>
    <message>
        <source>The change you want</source>
        <translation>İstediğiniz değişiklik</translation>
    </message>
    <message>
        <source>In your own words; &quot;A instead of B&quot; gives the best question.</source>
        <translation>Kendi sözcüklerinizle; &quot;B yerine A&quot; biçimi en iyi soruyu çıkarır.</translation>
    </message>
    <message>
        <source>e.g. use the wiki instead of email</source>
        <translation>ör. e-posta yerine wiki&apos;yi kullanmak</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Başlamak</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Bırakmak</translation>
    </message>
    <message>
        <source>Do differently</source>
        <translation>Farklı yapmak</translation>
    </message>
    <message>
        <source>Kind of change</source>
        <translation>Değişikliğin türü</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>Küçük</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Orta</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Büyük</translation>
    </message>
    <message>
        <source>Size of the change</source>
        <translation>Değişikliğin büyüklüğü</translation>
    </message>
    <message>
        <source>Lead by e&amp;xample instead</source>
        <translation>Bunun yerine örnek ol&amp;un</translation>
    </message>
    <message>
        <source>Lead by example instead</source>
        <translation>Bunun yerine örnek olun</translation>
    </message>
    <message>
        <source>Do it yourself, visibly, and skip persuading anyone.</source>
        <translation>Kimseyi ikna etmeye çalışmadan, kendiniz ve görünür biçimde yapın.</translation>
    </message>
    <message>
        <source>&amp;Who</source>
        <translation>&amp;Kim</translation>
    </message>
    <message>
        <source>Their st&amp;yle</source>
        <translation>Onun tar&amp;zı</translation>
    </message>
    <message>
        <source>The &amp;change you want</source>
        <translation>İstediğiniz &amp;değişiklik</translation>
    </message>
    <message>
        <source>&amp;Kind of change</source>
        <translation>Değişikliğin tü&amp;rü</translation>
    </message>
    <message>
        <source>Si&amp;ze for them</source>
        <translation>Onun için &amp;büyüklüğü</translation>
    </message>
    <message>
        <source>Moved by evidence they can check, presented calmly.</source>
        <translation>Sakin biçimde sunulan, kendisinin doğrulayabileceği kanıtlarla ikna olur.</translation>
    </message>
    <message>
        <source>Moved by energy and a picture of what becomes possible.</source>
        <translation>Coşkuyla ve nelerin mümkün olacağını gösteren bir resimle harekete geçer.</translation>
    </message>
    <message>
        <source>Needs the risk lowered: a small trial and a way back.</source>
        <translation>Riskin azalmasına ihtiyaç duyar: küçük bir deneme ve geri dönüş yolu.</translation>
    </message>
    <message>
        <source>Won over by expertise, precedent and sound technique.</source>
        <translation>Uzmanlık, daha önce yapılmış örnekler ve sağlam teknikle ikna olur.</translation>
    </message>
    <message>
        <source>Answer two quick questions and the coach picks a style.</source>
        <translation>İki kısa soruyu yanıtlayın, koç bir tarz seçsin.</translation>
    </message>
</context>
<context>
    <name>ComposerDialog</name>
    <message>
        <source>Opening line</source>
        <translation>Açılış cümlesi</translation>
    </message>
    <message>
        <source>How to frame it</source>
        <translation>Nasıl sunmalı</translation>
    </message>
    <message>
        <source>Supportive question</source>
        <translation>Destekleyici soru</translation>
    </message>
    <message>
        <source>Avoid</source>
        <translation>Kaçınılacak şey</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Sonraki adım</translation>
    </message>
    <message>
        <source>Influence coach</source>
        <translation>Etki koçu</translation>
    </message>
    <message>
        <source>Influence coach sections</source>
        <translation>Etki koçu bölümleri</translation>
    </message>
    <message>
        <source>&amp;Suggest</source>
        <translation>Ö&amp;neri</translation>
    </message>
    <message>
        <source>&amp;Follow-ups</source>
        <translation>&amp;Takipler</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>Kişi&amp;ler</translation>
    </message>
    <message>
        <source>Describe the change you want, and a suggestion appears here.</source>
        <translation>İstediğiniz değişikliği anlatın, öneri burada belirsin.</translation>
    </message>
    <message>
        <source>The coach could not word this change. Try saying it another way.</source>
        <translation>Koç bu değişikliği sözcüklere dökemedi. Başka bir biçimde söylemeyi deneyin.</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Panoya kopyalandı.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Kaydedilmedi: {reason}</translation>
    </message>
    <message>
        <source>dddd d MMMM</source>
        <comment>date format</comment>
        <translation>d MMMM dddd</translation>
    </message>
    <message>
        <source>Saved as a planned moment. Follow up on {date}; it is listed under Follow-ups.</source>
        <translation>Planlanmış bir an olarak kaydedildi. {date} günü takip edin; Takipler altında listeleniyor.</translation>
    </message>
    <message>
        <source>What to compose</source>
        <translation>Hazırlanacak öneri</translation>
    </message>
    <message>
        <source>Suggest</source>
        <translation>Öner</translation>
    </message>
    <message>
        <source>{name} was deleted, so Who is empty now; the change is as you typed it.</source>
        <translation>{name} silindi, bu yüzden Kim alanı artık boş; değişiklik yazdığınız gibi duruyor.</translation>
    </message>
    <message>
        <source>&amp;Follow-ups ({n})</source>
        <translation>&amp;Takipler ({n})</translation>
    </message>
    <message>
        <source>Realized {r} of {a} attempted ({p})</source>
        <translation>Denenen {a} girişimden {r} tanesi gerçekleşti ({p})</translation>
    </message>
    <message>
        <source>No outcomes recorded yet.</source>
        <translation>Henüz kaydedilmiş bir sonuç yok.</translation>
    </message>
    <message>
        <source>With {name}: {r} of {a} ({p})</source>
        <translation>{name} ile: {a} girişimden {r} ({p})</translation>
    </message>
    <message>
        <source>With {name}: no outcomes yet.</source>
        <translation>{name} ile: henüz sonuç yok.</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%%1</translation>
    </message>
</context>
<context>
    <name>ConfirmDeleteDialog</name>
    <message>
        <source>Delete all data</source>
        <translation>Tüm verileri sil</translation>
    </message>
    <message>
        <source>This removes every moment, reflection, person and setting, the backups, the encryption key and the launch-at-login entry from this computer. It cannot be undone. Export first if you want to keep a copy.</source>
        <translation>Bu işlem her anı, değerlendirmeyi, kişiyi ve ayarı, yedekleri, şifreleme anahtarını ve oturum açılışında başlatma kaydını bu bilgisayardan siler. Geri alınamaz. Bir kopyasını saklamak istiyorsanız önce dışa aktarın.</translation>
    </message>
    <message>
        <source>What will be deleted</source>
        <translation>Nelerin silineceği</translation>
    </message>
    <message>
        <source>DELETE</source>
        <comment>the word typed to confirm deleting all data</comment>
        <translation>SİL</translation>
    </message>
    <message>
        <source>Type {0} to confirm:</source>
        <translation>Onaylamak için {0} yazın:</translation>
    </message>
    <message>
        <source>Type {0} to confirm</source>
        <translation>Onaylamak için {0} yazın</translation>
    </message>
    <message>
        <source>Delete everything</source>
        <translation>Her şeyi sil</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
</context>
<context>
    <name>EditDraft</name>
    <message>
        <source>Brought back what you typed before mlcoach closed. It is not saved yet.</source>
        <translation>mlcoach kapanmadan önce yazdıklarınız geri getirildi. Henüz kaydedilmedi.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search moments, reflections, suggestions and notes</source>
        <extracomment>The widest a filter list grows, in average characters of its font.</extracomment>
        <translation>Anlarda, değerlendirmelerde, önerilerde ve notlarda ara</translation>
    </message>
    <message>
        <source>Search the history</source>
        <translation>Geçmişte ara</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Sıralama</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>En iyi eşleşme</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Önce en yeni</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Temizle</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Aramayı ve süzgeçleri temizle</translation>
    </message>
    <message>
        <source>People whose notes match</source>
        <translation>Notları eşleşen kişiler</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Göster</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Her şey</translation>
    </message>
    <message>
        <source>Kind of moment</source>
        <translation>An türü</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Her tür</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Kişi</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Herkes</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiket</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Her etiket</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Any theme</source>
        <translation>Her tema</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Her sonuç</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Tarih aralığı</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Her zaman</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Son 7 gün</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Son 30 gün</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Son 12 ay</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Özel…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Başlangıç</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bitiş</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>People matching: %1</source>
        <translation>Eşleşen kişiler: %1</translation>
    </message>
</context>
<context>
    <name>FocusPage</name>
    <message>
        <source>Language</source>
        <translation>Dil</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Sistemle aynı</translation>
    </message>
    <message>
        <source>&amp;Themes to see more often:</source>
        <translation>Daha sık görmek istediğiniz &amp;temalar:</translation>
    </message>
    <message>
        <source>Pick up to three. With none picked, prompts come from every theme in turn.</source>
        <translation>En fazla üç tane seçin. Hiçbiri seçilmezse hatırlatmalar sırayla her temadan gelir.</translation>
    </message>
    <message>
        <source>Offer a &amp;weekly review on the first workday of the week</source>
        <translation>Haftanın ilk iş gününde &amp;haftalık özet sunulsun</translation>
    </message>
    <message>
        <source>Weekly review on the first workday of the week</source>
        <translation>Haftanın ilk iş gününde haftalık özet</translation>
    </message>
    <message>
        <source>Last week in a few lines at the top of Insights, with one theme to focus on next; accepting it sets the focus above for a week.</source>
        <translation>Geçen hafta, İçgörüler sekmesinin en üstünde birkaç satırda ve sıradaki odak için bir temayla; kabul ederseniz yukarıdaki odak bir haftalığına ayarlanır.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Dil:</translation>
    </message>
    <message>
        <source>A new language is used from the next start.</source>
        <translation>Yeni dil bir sonraki açılışta kullanılır.</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <source>Follow-ups</source>
        <translation>Takipler</translation>
    </message>
    <message>
        <source>Realized versus attempted</source>
        <translation>Gerçekleşen ve denenen</translation>
    </message>
    <message>
        <source>Suggestions you saved and have not closed yet. Mark how each one went: leadership is realized when someone follows.</source>
        <translation>Kaydettiğiniz ve henüz kapatmadığınız öneriler. Her birinin nasıl gittiğini işaretleyin: liderlik, biri size katıldığında gerçekleşir.</translation>
    </message>
    <message>
        <source>Nothing to follow up on. Save a suggestion and it appears here.</source>
        <translation>Takip edilecek bir şey yok. Bir öneri kaydettiğinizde burada görünür.</translation>
    </message>
    <message>
        <source>Open suggestions</source>
        <translation>Açık öneriler</translation>
    </message>
    <message>
        <source>no follow-up date</source>
        <translation>takip tarihi yok</translation>
    </message>
    <message>
        <source>follow up today</source>
        <translation>bugün takip edin</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <comment>date format</comment>
        <translation>d MMM ddd</translation>
    </message>
    <message>
        <source>follow up on {date}</source>
        <translation>takip: {date}</translation>
    </message>
    <message>
        <source>follow-up was due {date}</source>
        <translation>takip {date} günüydü</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>henüz değil</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>%1%</source>
        <translation>%%1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Ne zaman</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Ne</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Kayıt</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Kişi</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiketler</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Planned · %1</source>
        <translation>Planlandı · %1</translation>
    </message>
    <message>
        <source>Prompt · %1</source>
        <translation>Hatırlatma · %1</translation>
    </message>
    <message>
        <source>Suggestion (coach)</source>
        <translation>Öneri (koç)</translation>
    </message>
    <message>
        <source>Reflection · energy %1</source>
        <translation>Değerlendirme · enerji %1</translation>
    </message>
    <message>
        <source>Reflection</source>
        <translation>Değerlendirme</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>The people list could not be shown; the log says why.</source>
        <translation>Kişi listesi gösterilemedi; nedeni günlükte yazıyor.</translation>
    </message>
    <message>
        <source>History &amp; insights — mlcoach</source>
        <translation>Geçmiş ve içgörüler — mlcoach</translation>
    </message>
    <message>
        <source>History and insights</source>
        <translation>Geçmiş ve içgörüler</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>Za&amp;man çizelgesi</translation>
    </message>
    <message>
        <source>&amp;Insights</source>
        <translation>İç&amp;görüler</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>Kişi&amp;ler</translation>
    </message>
    <message>
        <source>Export and import result</source>
        <translation>Dışa ve içe aktarma sonucu</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Dışa aktarıldı: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Dışa aktar</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;İçe aktar…</translation>
    </message>
    <message>
        <source>Add entries from an mlcoach JSON export, a jrnl journal or a Day One export</source>
        <translation>Bir mlcoach JSON dışa aktarımından, bir jrnl günlüğünden ya da bir Day One dışa aktarımından kayıt ekler</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Kapat</translation>
    </message>
    <message>
        <source>Opening your data…</source>
        <translation>Verileriniz açılıyor…</translation>
    </message>
    <message>
        <source>Could not open your data: {reason}</source>
        <translation>Verileriniz açılamadı: {reason}</translation>
    </message>
</context>
<context>
    <name>HoursRow</name>
    <message>
        <source>Working day starts at</source>
        <translation>İş gününün başladığı saat</translation>
    </message>
    <message>
        <source>Working day ends at</source>
        <translation>İş gününün bittiği saat</translation>
    </message>
    <message>
        <source>to</source>
        <translation>–</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import data</source>
        <translation>Verileri içe aktar</translation>
    </message>
    <message>
        <source>Import preview</source>
        <translation>İçe aktarma önizlemesi</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Yeni</translation>
    </message>
    <message>
        <source>Already here</source>
        <translation>Zaten var</translation>
    </message>
    <message>
        <source>%1: %2 new</source>
        <translation>%1: %2 yeni</translation>
    </message>
    <message>
        <source>%1: %2 already here</source>
        <translation>%1: %2 zaten var</translation>
    </message>
    <message>
        <source>Everything in “%1” is already here.</source>
        <translation>“%1” içindeki her şey zaten burada.</translation>
    </message>
    <message>
        <source>Importing it would add nothing.</source>
        <translation>İçe aktarmak hiçbir şey eklemez.</translation>
    </message>
    <message>
        <source>Import “%1”?</source>
        <translation>“%1” içe aktarılsın mı?</translation>
    </message>
    <message>
        <source>New entries are added to what you have. A day you have already reflected on gets the file&apos;s answers added below yours. Nothing is deleted.</source>
        <translation>Yeni kayıtlar mevcut verilerinize eklenir. Zaten değerlendirme yazdığınız bir güne, dosyadaki yanıtlar sizinkilerin altına eklenir. Hiçbir şey silinmez.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;İçe aktar</translation>
    </message>
    <message>
        <source>Import the new entries</source>
        <translation>Yeni kayıtları içe aktar</translation>
    </message>
</context>
<context>
    <name>InlineError</name>
    <message>
        <source>Problem</source>
        <translation>Sorun</translation>
    </message>
</context>
<context>
    <name>InsightsTab</name>
    <message>
        <source>Moments per week by kind</source>
        <translation>Türe göre haftalık anlar</translation>
    </message>
    <message>
        <source>Realized vs attempted</source>
        <translation>Gerçekleşen ve denenen</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Enerji</translation>
    </message>
    <message>
        <source>Theme balance: prompts acted on</source>
        <translation>Tema dengesi: uygulanan hatırlatmalar</translation>
    </message>
    <message>
        <source>Theme balance</source>
        <translation>Tema dengesi</translation>
    </message>
    <message>
        <source>Active days</source>
        <translation>Etkin günler</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Yükleniyor…</translation>
    </message>
    <message>
        <source>Insights status</source>
        <translation>İçgörülerin durumu</translation>
    </message>
    <message>
        <source>Nothing to show yet</source>
        <translation>Henüz gösterilecek bir şey yok</translation>
    </message>
    <message>
        <source>Could not read the insights: %1</source>
        <translation>İçgörüler okunamadı: %1</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>%1 haftası</translation>
    </message>
    <message>
        <source>1 moment</source>
        <translation>1 an</translation>
    </message>
    <message numerus="yes">
        <source>%Ln moments</source>
        <translation>
            <numerusform>%Ln an</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 in the last %2 weeks, %3 a week on average.</source>
        <translation>Son %2 haftada %1, haftada ortalama %3.</translation>
    </message>
    <message>
        <source>%1 moments</source>
        <translation>%1 an</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>Hafta başı</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Toplam</translation>
    </message>
    <message>
        <source>%1: %2 of %3 followed (%4)</source>
        <translation>%1: %3 girişimden %2 tanesi karşılık buldu (%4)</translation>
    </message>
    <message>
        <source>Followed</source>
        <translation>Karşılık buldu</translation>
    </message>
    <message>
        <source>%1 of %2 attempts followed (%3%) in %4 months.</source>
        <translation>%4 ayda %2 girişimden %1 tanesi karşılık buldu (%%3).</translation>
    </message>
    <message>
        <source>No outcomes recorded yet.</source>
        <translation>Henüz kaydedilmiş bir sonuç yok.</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Ay</translation>
    </message>
    <message>
        <source>Attempted</source>
        <translation>Denenen</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Oran</translation>
    </message>
    <message>
        <source>Week of %1: %2 on average from %3</source>
        <translation>%1 haftası: %3den ortalama %2</translation>
    </message>
    <message>
        <source>1 reflection</source>
        <translation>1 değerlendirme</translation>
    </message>
    <message>
        <source>%1 reflections</source>
        <translation>%1 değerlendirme</translation>
    </message>
    <message>
        <source>Average %1 over %2 reflections; lately %3.</source>
        <translation>%2 değerlendirmede ortalama %1; son zamanlarda %3.</translation>
    </message>
    <message>
        <source>Note your energy in the evening reflection to see it here.</source>
        <translation>Burada görmek için akşam değerlendirmesinde enerjinizi not edin.</translation>
    </message>
    <message>
        <source>Average energy (1–5)</source>
        <translation>Ortalama enerji (1–5)</translation>
    </message>
    <message>
        <source>Reflections</source>
        <translation>Değerlendirmeler</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 içinden %1</translation>
    </message>
    <message>
        <source>%1: acted on %2 of %3</source>
        <translation>%1: %3dan %2 tanesi uygulandı</translation>
    </message>
    <message>
        <source>1 prompt shown</source>
        <translation>gösterilen 1 hatırlatma</translation>
    </message>
    <message>
        <source>%1 prompts shown</source>
        <translation>gösterilen %1 hatırlatma</translation>
    </message>
    <message>
        <source>Prompts acted on (of those shown) since %1. Least practised: %2.</source>
        <translation>%1 tarihinden bu yana uygulanan hatırlatmalar (gösterilenler içinde). En az çalışılan: %2.</translation>
    </message>
    <message>
        <source>No prompts since %1.</source>
        <translation>%1 tarihinden bu yana hatırlatma yok.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Acted on</source>
        <translation>Uygulanan</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Gösterildi</translation>
    </message>
    <message>
        <source>reflection written</source>
        <translation>değerlendirme yazıldı</translation>
    </message>
    <message>
        <source>nothing captured</source>
        <translation>kaydedilen bir şey yok</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>evet</translation>
    </message>
    <message>
        <source>Less</source>
        <translation>Az</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Çok</translation>
    </message>
    <message>
        <source>Current streak: %1 · longest: %2 · active on %3 of %4 days.</source>
        <translation>Süren seri: %1 · en uzun: %2 · %4 günün %3 gününde etkin.</translation>
    </message>
    <message>
        <source>1 workday</source>
        <translation>1 iş günü</translation>
    </message>
    <message>
        <source>%1 workdays</source>
        <translation>%1 iş günü</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Gün</translation>
    </message>
    <message>
        <source>Moments</source>
        <translation>Anlar</translation>
    </message>
    <message>
        <source>Reflection</source>
        <translation>Değerlendirme</translation>
    </message>
</context>
<context>
    <name>IntroStep</name>
    <message>
        <source>Practise leadership in small, everyday moments</source>
        <translation>Liderliği küçük, gündelik anlarda çalışın</translation>
    </message>
    <message>
        <source>A few times each workday, mlcoach suggests one small thing to try, such as recognizing a colleague&apos;s work or asking a question instead of giving the answer. When something happens, you can note it in a few seconds, and a short reflection closes the day.</source>
        <translation>mlcoach her iş günü birkaç kez denemeniz için küçük bir şey önerir: bir iş arkadaşınızın emeğini takdir etmek ya da yanıtı vermek yerine bir soru sormak gibi. Bir şey yaşandığında bunu birkaç saniyede not edebilirsiniz; günü de kısa bir değerlendirme kapatır.</translation>
    </message>
    <message>
        <source>Everything you write stays on this computer, encrypted. Nothing is sent anywhere.</source>
        <translation>Yazdığınız her şey şifrelenmiş olarak bu bilgisayarda kalır. Hiçbir yere bir şey gönderilmez.</translation>
    </message>
    <message>
        <source>Everything you write stays on this computer. Nothing is sent anywhere.</source>
        <translation>Yazdığınız her şey bu bilgisayarda kalır. Hiçbir yere bir şey gönderilmez.</translation>
    </message>
    <message>
        <source>Where your data stays</source>
        <translation>Verilerinizin nerede kaldığı</translation>
    </message>
    <message>
        <source>Setting up takes under a minute. You can skip it and keep the usual settings.</source>
        <translation>Kurulum bir dakikadan kısa sürer. Bu adımı geçip olağan ayarlarla devam edebilirsiniz.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>mlcoach is in the system tray now. Close this window: mlcoach runs on in the tray.</source>
        <extracomment>The gap between the no-tray window&apos;s rows where the screen is too short for the usual.</extracomment>
        <translation>mlcoach artık sistem tepsisinde. Bu pencereyi kapatın: mlcoach tepside çalışmaya devam eder.</translation>
    </message>
    <message>
        <source>GNOME shows no tray icons, so mlcoach lives in this window and answers in notifications. Close it to keep mlcoach running; open it again from the app grid. For a tray icon, turn on the AppIndicator extension.</source>
        <translation>GNOME sistem tepsisi simgelerini göstermez; bu yüzden mlcoach bu pencerede yaşar ve bildirimlerle yanıt verir. mlcoach’un çalışmaya devam etmesi için pencereyi kapatabilir, uygulama ızgarasından yeniden açabilirsiniz. Tepsi simgesi için AppIndicator uzantısını açın.</translation>
    </message>
    <message>
        <source>No system tray was found, so mlcoach lives in this window. Close it to keep mlcoach running in the background; quit from the last button.</source>
        <translation>Sistem tepsisi bulunamadı, bu yüzden mlcoach bu pencerede duruyor. Pencereyi kapatırsanız mlcoach arka planda çalışmaya devam eder; tamamen çıkmak için son düğmeyi kullanın.</translation>
    </message>
    <message>
        <source>Next prompt</source>
        <translation>Sonraki hatırlatma</translation>
    </message>
    <message>
        <source>Pause prompts for 1 hour</source>
        <translation>Hatırlatmaları 1 saat duraklat</translation>
    </message>
    <message>
        <source>Answer the prompt: %1</source>
        <translation>Hatırlatmayı yanıtla: %1</translation>
    </message>
</context>
<context>
    <name>MomentEditor</name>
    <message>
        <source>Edit moment</source>
        <translation>Anı düzenle</translation>
    </message>
    <message>
        <source>Moment text</source>
        <translation>An metni</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>No outcome yet</source>
        <translation>Henüz sonuç yok</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Metin</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Tür</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Sonuç</translation>
    </message>
    <message>
        <source>A moment needs some words.</source>
        <translation>Bir an için birkaç sözcük gerekir.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Değişikliklerinizden vazgeçilsin mi?</translation>
    </message>
    <message>
        <source>Your changes to this moment have not been saved.</source>
        <translation>Bu anda yaptığınız değişiklikler henüz kaydedilmedi.</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <source>Example</source>
        <translation>Örnek olma</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Öneri</translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation>Takdir</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Destek</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Soru</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>Yetki devri</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Diğer</translation>
    </message>
    <message>
        <source>example</source>
        <translation>örnek olma</translation>
    </message>
    <message>
        <source>suggestion</source>
        <translation>öneri</translation>
    </message>
    <message>
        <source>recognition</source>
        <translation>takdir</translation>
    </message>
    <message>
        <source>support</source>
        <translation>destek</translation>
    </message>
    <message>
        <source>question</source>
        <translation>soru</translation>
    </message>
    <message>
        <source>delegation</source>
        <translation>yetki devri</translation>
    </message>
    <message>
        <source>other</source>
        <translation>diğer</translation>
    </message>
    <message>
        <source>Followed</source>
        <translation>Karşılık buldu</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Henüz değil</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Reddedildi</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Gösterildi</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Yapıldı</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Ertelendi</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Geçildi</translation>
    </message>
    <message>
        <source>Not for me</source>
        <translation>Bana uymaz</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Kaçırıldı</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Olgular</translation>
    </message>
    <message>
        <source>Enthusiasm</source>
        <translation>Coşku</translation>
    </message>
    <message>
        <source>Reassurance</source>
        <translation>Güvence</translation>
    </message>
    <message>
        <source>Credibility</source>
        <translation>Güvenilirlik</translation>
    </message>
    <message>
        <source>Not sure yet</source>
        <translation>Henüz emin değilim</translation>
    </message>
    <message>
        <source>Moments</source>
        <translation>Anlar</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Hatırlatmalar</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Öneriler</translation>
    </message>
    <message>
        <source>Reflections</source>
        <translation>Değerlendirmeler</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Show prompts as</source>
        <translation>Hatırlatmalar nasıl gösterilsin</translation>
    </message>
    <message>
        <source>A prompt &amp;card near the tray</source>
        <translation>Tepsinin yanında bir &amp;kart</translation>
    </message>
    <message>
        <source>&amp;Both</source>
        <translation>&amp;İkisi de</translation>
    </message>
    <message>
        <source>The card stays quietly in the corner and never takes the keyboard away from you. A notification can be clicked to open the card.</source>
        <translation>Kart köşede sessizce durur ve klavyeyi asla elinizden almaz. Bildirime tıklayarak kartı açabilirsiniz.</translation>
    </message>
    <message>
        <source>A s&amp;ystem notification</source>
        <translation>Bir &amp;sistem bildirimi</translation>
    </message>
    <message>
        <source>Start mlcoach when I &amp;log in</source>
        <translation>Oturum açtığımda &amp;mlcoach&apos;u başlat</translation>
    </message>
    <message>
        <source>Start mlcoach when I log in</source>
        <translation>Oturum açtığımda mlcoach&apos;u başlat</translation>
    </message>
    <message>
        <source>It starts in the tray, without opening a window.</source>
        <translation>Pencere açmadan, sistem tepsisinde başlar.</translation>
    </message>
    <message>
        <source>Starting at login cannot be set up on this system.</source>
        <translation>Bu sistemde oturum açılışında başlatma ayarlanamıyor.</translation>
    </message>
</context>
<context>
    <name>OutcomeRow</name>
    <message>
        <source>Outcome for: {text}</source>
        <extracomment>The narrowest the words may get beside the toggles, in average characters: narrower, and the toggles go under them.</extracomment>
        <translation>Sonuç: {text}</translation>
    </message>
</context>
<context>
    <name>PaceCard</name>
    <message>
        <source>mlcoach prompts a day</source>
        <translation>mlcoach: günlük hatırlatma sayısı</translation>
    </message>
    <message>
        <source>Prompts a day</source>
        <translation>Günlük hatırlatma sayısı</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Şimdi değil</translation>
    </message>
    <message>
        <source>Back to %1 a day</source>
        <translation>Yeniden günde %1 hatırlatma</translation>
    </message>
</context>
<context>
    <name>PeoplePanel</name>
    <message>
        <source>People</source>
        <translation>Kişiler</translation>
    </message>
    <message>
        <source>Filter people</source>
        <translation>Kişileri süz</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Ada göre süz</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Tarz</translation>
    </message>
    <message>
        <source>Last interaction</source>
        <translation>Son etkileşim</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ekle…</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>Kişi ekle</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>Dü&amp;zenle…</translation>
    </message>
    <message>
        <source>Edit the selected person</source>
        <translation>Seçili kişiyi düzenle</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Kaldır…</translation>
    </message>
    <message>
        <source>Archive or delete the selected person</source>
        <translation>Seçili kişiyi arşivle ya da sil</translation>
    </message>
    <message>
        <source>Su&amp;ggest…</source>
        <translation>Öne&amp;r…</translation>
    </message>
    <message>
        <source>Compose a suggestion for the selected person</source>
        <translation>Seçili kişi için bir öneri hazırla</translation>
    </message>
    <message>
        <source>Not removed</source>
        <translation>Kaldırılmadı</translation>
    </message>
</context>
<context>
    <name>PersonCompleter</name>
    <message>
        <source>People</source>
        <translation>Kişiler</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit person</source>
        <translation>Kişiyi düzenle</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>Kişi ekle</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>First name is enough</source>
        <translation>Adı yeterli</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Tarz</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notlar</translation>
    </message>
    <message>
        <source>Private; kept in the encrypted store.</source>
        <translation>Size özel; şifreli depoda saklanır.</translation>
    </message>
    <message>
        <source>What helps with them, what they care about…</source>
        <translation>Onunla neyin işe yaradığı, neyi önemsediği…</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Sorun</translation>
    </message>
    <message>
        <source>Save the person</source>
        <translation>Kişiyi kaydet</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Ad</translation>
    </message>
    <message>
        <source>&amp;Style</source>
        <translation>&amp;Tarz</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>&amp;Notlar</translation>
    </message>
    <message>
        <source>Give them a name.</source>
        <translation>Bir ad yazın.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Değişikliklerinizden vazgeçilsin mi?</translation>
    </message>
    <message>
        <source>What you typed about this person has not been saved.</source>
        <translation>Bu kişi hakkında yazdıklarınız henüz kaydedilmedi.</translation>
    </message>
</context>
<context>
    <name>PersonHistory</name>
    <message>
        <source>Selected person</source>
        <translation>Seçili kişi</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Tarz</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notlar</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Geçmiş</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Ne zaman</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Ne</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Nothing with them yet.</source>
        <translation>Onunla henüz bir şey yok.</translation>
    </message>
    <message>
        <source>Pick someone to see your history with them.</source>
        <translation>Geçmişinizi görmek için bir kişi seçin.</translation>
    </message>
    <message>
        <source>Style: {style}</source>
        <translation>Tarz: {style}</translation>
    </message>
    <message>
        <source>Suggestion: {change}</source>
        <translation>Öneri: {change}</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>An</translation>
    </message>
</context>
<context>
    <name>PersonMerge</name>
    <message>
        <source>{into} is already in your people list</source>
        <translation>{into} zaten kişi listenizde</translation>
    </message>
    <message>
        <source>Put {name} together with {into}? The moments, suggestions and notes of {name} go to {into}, and the name {name} leaves your list.</source>
        <translation>{name} ve {into} birleştirilsin mi? {name} adıyla kaydedilen anlar, öneriler ve notlar {into} adına geçer; {name} adı listenizden çıkar.</translation>
    </message>
    <message>
        <source>&amp;Put together</source>
        <translation>&amp;Birleştir</translation>
    </message>
</context>
<context>
    <name>PersonRemoval</name>
    <message>
        <source>Archive: {name} leaves your lists; your notes and their history stay.</source>
        <translation>Arşivle: {name} listelerinizden çıkar; notlarınız ve geçmişi kalır.</translation>
    </message>
    <message>
        <source>Delete: {name} and your notes on them go for good.</source>
        <translation>Sil: {name} ve ona dair notlarınız kalıcı olarak silinir.</translation>
    </message>
    <message>
        <source>Delete: {name} and your notes on them go for good; their moment stays, with no one attached.</source>
        <translation>Sil: {name} ve ona dair notlarınız kalıcı olarak silinir; onunla ilgili an kimseye bağlı olmadan kalır.</translation>
    </message>
    <message>
        <source>Delete: {name} and your notes on them go for good; their {count} moments stay, with no one attached.</source>
        <translation>Sil: {name} ve ona dair notlarınız kalıcı olarak silinir; onunla ilgili {count} an kimseye bağlı olmadan kalır.</translation>
    </message>
    <message>
        <source>Your words naming {name} stay as you wrote them.</source>
        <translation>{name} adının geçtiği sözleriniz yazdığınız gibi kalır.</translation>
    </message>
    <message>
        <source>Remove {name}?</source>
        <translation>{name} kaldırılsın mı?</translation>
    </message>
    <message>
        <source>A&amp;rchive</source>
        <translation>&amp;Arşivle</translation>
    </message>
    <message>
        <source>&amp;Delete for good</source>
        <translation>&amp;Kalıcı olarak sil</translation>
    </message>
</context>
<context>
    <name>PrepCard</name>
    <message>
        <source>mlcoach: before your meeting</source>
        <translation>mlcoach: toplantınızdan önce</translation>
    </message>
    <message>
        <source>Meeting preparation</source>
        <translation>Toplantı hazırlığı</translation>
    </message>
    <message>
        <source>Before your meeting</source>
        <translation>Toplantınızdan önce</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Toplantı</translation>
    </message>
    <message>
        <source>People and approach</source>
        <translation>Kişiler ve yaklaşım</translation>
    </message>
    <message>
        <source>Open coach…</source>
        <translation>Koçu aç…</translation>
    </message>
    <message>
        <source>Open the influence coach</source>
        <translation>Etki koçunu aç</translation>
    </message>
    <message>
        <source>Thanks</source>
        <translation>Teşekkürler</translation>
    </message>
    <message>
        <source>Close the preparation card</source>
        <translation>Hazırlık kartını kapat</translation>
    </message>
    <message>
        <source>{0} at {1}</source>
        <translation>{0}, saat {1}</translation>
    </message>
    <message>
        <source>Open with them: {0}</source>
        <translation>Onunla açık konu: {0}</translation>
    </message>
    <message>
        <source>Ask: {0}</source>
        <translation>Sorun: {0}</translation>
    </message>
    <message numerus="yes">
        <source>and %n more you know</source>
        <translation>
            <numerusform>ve tanıdığınız %n kişi daha</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>Encryption status</source>
        <translation>Şifreleme durumu</translation>
    </message>
    <message>
        <source>Show &amp;recovery key…</source>
        <translation>&amp;Kurtarma anahtarını göster…</translation>
    </message>
    <message>
        <source>Show recovery key</source>
        <translation>Kurtarma anahtarını göster</translation>
    </message>
    <message>
        <source>With this key you can open your data if the system keyring loses its entry. Keep it somewhere safe, such as a password manager.</source>
        <translation>Sistem anahtarlığı kaydını kaybederse verilerinizi bu anahtarla açabilirsiniz. Bir parola yöneticisi gibi güvenli bir yerde saklayın.</translation>
    </message>
    <message>
        <source>There is no recovery key: your passphrase opens the store.</source>
        <translation>Kurtarma anahtarı yok: verileriniz parolanızla açılır.</translation>
    </message>
    <message>
        <source>There is no recovery key for an unencrypted store.</source>
        <translation>Şifrelenmemiş veriler için kurtarma anahtarı yoktur.</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Şifreleme</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Yedek klasörü</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>Klasörü &amp;aç</translation>
    </message>
    <message>
        <source>Open the backup folder</source>
        <translation>Yedek klasörünü aç</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Yedekler</translation>
    </message>
    <message>
        <source>A copy is made each day you use mlcoach and before each upgrade, encrypted like the store, and kept for five weeks at most. Something you delete stays in these copies until they are removed.</source>
        <translation>mlcoach&apos;u kullandığınız her gün ve her güncellemeden önce, veriler gibi şifrelenmiş bir kopya alınır ve en çok beş hafta saklanır. Sildiğiniz bir şey, bu kopyalar kaldırılana dek onlarda kalır.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Dışa aktar…</translation>
    </message>
    <message>
        <source>Export all data to a file</source>
        <translation>Tüm verileri bir dosyaya aktar</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;İçe aktar…</translation>
    </message>
    <message>
        <source>Import data from an export file</source>
        <translation>Bir dışa aktarma dosyasından verileri içe aktar</translation>
    </message>
    <message>
        <source>Export and import result</source>
        <translation>Dışa ve içe aktarma sonucu</translation>
    </message>
    <message>
        <source>&amp;Delete all data…</source>
        <translation>Tüm verileri &amp;sil…</translation>
    </message>
    <message>
        <source>Delete all data</source>
        <translation>Tüm verileri sil</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>Verileriniz</translation>
    </message>
    <message>
        <source>Export writes everything to a file you choose: JSON (which mlcoach can import again), CSV or a Markdown journal. The file is not encrypted. Import takes an mlcoach export, a jrnl journal or a Day One export, and shows what it would add before it adds anything.</source>
        <translation>Dışa aktarma her şeyi seçtiğiniz bir dosyaya yazar: JSON (mlcoach yeniden içe aktarabilir), CSV ya da Markdown günlüğü. Dosya şifrelenmez. İçe aktarma bir mlcoach dışa aktarımını, bir jrnl günlüğünü ya da bir Day One dışa aktarımını alır; eklemeden önce neler ekleyeceğini gösterir.</translation>
    </message>
    <message>
        <source>Deleting removes everything mlcoach keeps on this computer, including backups, the encryption key and the start-at-login entry. It cannot be undone.</source>
        <translation>Silme işlemi, mlcoach&apos;un bu bilgisayarda tuttuğu her şeyi (yedekler, şifreleme anahtarı ve oturum açılışında başlatma kaydı dahil) kaldırır. Geri alınamaz.</translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation>Henüz yedek alınmadı.</translation>
    </message>
    <message>
        <source>Anyone who has this key and a copy of your data can read it. Make sure no one else can see your screen.

Show the recovery key now?</source>
        <translation>Bu anahtara ve verilerinizin bir kopyasına sahip olan herkes verilerinizi okuyabilir. Ekranınızı başka kimsenin görmediğinden emin olun.

Kurtarma anahtarı şimdi gösterilsin mi?</translation>
    </message>
    <message>
        <source>The recovery key cannot be read: {0}</source>
        <translation>Kurtarma anahtarı okunamıyor: {0}</translation>
    </message>
    <message>
        <source>Hide &amp;recovery key</source>
        <translation>&amp;Kurtarma anahtarını gizle</translation>
    </message>
    <message>
        <source>Hide recovery key</source>
        <translation>Kurtarma anahtarını gizle</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Çalışıyor…</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>Kaydedildi: {0}</translation>
    </message>
    <message>
        <source>Not everything could be deleted: {0}</source>
        <translation>Her şey silinemedi: {0}</translation>
    </message>
</context>
<context>
    <name>PromptCard</name>
    <message>
        <source>mlcoach prompt</source>
        <translation>mlcoach hatırlatması</translation>
    </message>
    <message>
        <source>Micro-leadership prompt</source>
        <translation>Mikro liderlik hatırlatması</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Hatırlatma</translation>
    </message>
    <message>
        <source>Try this</source>
        <translation>Şunu deneyin</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Not</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Yaptım</translation>
    </message>
    <message>
        <source>I did it</source>
        <translation>Bunu yaptım</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Sonra</translation>
    </message>
    <message>
        <source>Remind me in a little while</source>
        <translation>Biraz sonra yeniden hatırlat</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Geç</translation>
    </message>
    <message>
        <source>Not this one today</source>
        <translation>Bugün bu olmasın</translation>
    </message>
    <message>
        <source>Not for me</source>
        <translation>Bana uymaz</translation>
    </message>
    <message>
        <source>Don&apos;t show this prompt again for a long while</source>
        <translation>Bu hatırlatmayı uzun bir süre gösterme</translation>
    </message>
    <message>
        <source>Capture…</source>
        <translation>An kaydet…</translation>
    </message>
    <message>
        <source>Write down a moment about this prompt</source>
        <translation>Bu hatırlatmayla ilgili bir an kaydedin</translation>
    </message>
    <message>
        <source>Capture a moment</source>
        <translation>Bir an kaydet</translation>
    </message>
    <message>
        <source>&lt;b&gt;Try this:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Şunu deneyin:&lt;/b&gt; {0}</translation>
    </message>
</context>
<context>
    <name>PromptNotice</name>
    <message>
        <source>Open</source>
        <translation>Aç</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Yaptım</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Sonra</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Geç</translation>
    </message>
    <message>
        <source>Capture…</source>
        <translation>An kaydet…</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Arama konumu:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Dosya &amp;türü:</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyView</name>
    <message>
        <source>Recovery key</source>
        <translation>Kurtarma anahtarı</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopyala</translation>
    </message>
    <message>
        <source>Copy the recovery key</source>
        <translation>Kurtarma anahtarını kopyala</translation>
    </message>
    <message>
        <source>Copy status</source>
        <translation>Kopyalama durumu</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopyalandı</translation>
    </message>
</context>
<context>
    <name>RecoveryStep</name>
    <message>
        <source>I have &amp;saved it somewhere safe</source>
        <translation>Güvenli bir yere kay&amp;dettim</translation>
    </message>
    <message>
        <source>I have saved the recovery key somewhere safe</source>
        <translation>Kurtarma anahtarını güvenli bir yere kaydettim</translation>
    </message>
    <message>
        <source>Keep your recovery key</source>
        <translation>Kurtarma anahtarınızı saklayın</translation>
    </message>
    <message>
        <source>Your data is encrypted with a key kept in this computer&apos;s keyring. If that entry is ever lost, this recovery key is the only way to open your data again.</source>
        <translation>Verileriniz, bu bilgisayarın anahtarlığında tutulan bir anahtarla şifrelenir. O kayıt bir gün kaybolursa verilerinizi yeniden açmanın tek yolu bu kurtarma anahtarıdır.</translation>
    </message>
    <message>
        <source>Copy it into a password manager, or write it down and keep it somewhere safe.</source>
        <translation>Bir parola yöneticisine kopyalayın ya da bir yere yazıp güvenli bir yerde saklayın.</translation>
    </message>
    <message>
        <source>You can see this key again later in Settings, Privacy.</source>
        <translation>Bu anahtarı daha sonra Ayarlar &gt; Gizlilik bölümünde yeniden görebilirsiniz.</translation>
    </message>
</context>
<context>
    <name>ReflectionDialog</name>
    <message>
        <source>Reflect on today</source>
        <translation>Bugünü değerlendirin</translation>
    </message>
    <message>
        <source>Streak and small wins</source>
        <translation>Seri ve küçük kazanımlar</translation>
    </message>
    <message>
        <source>Prompts today</source>
        <translation>Bugünkü hatırlatmalar</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Sırası gelen takipler</translation>
    </message>
    <message>
        <source>Energy {n} of 5</source>
        <translation>Enerji: 5 üzerinden {n}</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Enerji</translation>
    </message>
    <message>
        <source>What went well</source>
        <translation>İyi gidenler</translation>
    </message>
    <message>
        <source>What I would do differently</source>
        <translation>Farklı yapacaklarım</translation>
    </message>
    <message>
        <source>One small intention for tomorrow</source>
        <translation>Yarın için küçük bir niyet</translation>
    </message>
    <message>
        <source>Tomorrow I will…</source>
        <translation>Yarın şunu yapacağım…</translation>
    </message>
    <message>
        <source>Brought back what you typed before mlcoach closed. It is not saved yet.</source>
        <translation>mlcoach kapanmadan önce yazdıklarınız geri getirildi. Henüz kaydedilmedi.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Sorun</translation>
    </message>
    <message>
        <source>Save the reflection</source>
        <translation>Değerlendirmeyi kaydet</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Could not load today: {reason}</source>
        <translation>Bugün yüklenemedi: {reason}</translation>
    </message>
    <message>
        <source>Nothing saved: this reflection was deleted elsewhere. Write a line or pick your energy to save a new one.</source>
        <translation>Hiçbir şey kaydedilmedi: bu değerlendirme başka bir yerde silindi. Yenisini kaydetmek için bir satır yazın ya da enerjinizi seçin.</translation>
    </message>
    <message>
        <source>Pick your energy or write a line first.</source>
        <translation>Kaydetmeden önce enerjinizi seçin ya da bir satır yazın.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Kaydedilmedi: {reason}</translation>
    </message>
    <message>
        <source>Discard this reflection?</source>
        <translation>Bu değerlendirmeden vazgeçilsin mi?</translation>
    </message>
    <message>
        <source>What you wrote has not been saved yet.</source>
        <translation>Yazdıklarınız henüz kaydedilmedi.</translation>
    </message>
    <message>
        <source>Today at a glance</source>
        <translation>Bir bakışta bugün</translation>
    </message>
    <message>
        <source>Moments today</source>
        <translation>Bugünkü anlar</translation>
    </message>
    <message>
        <source>1 is drained, 5 is full of energy</source>
        <translation>1 tükenmiş, 5 enerji dolu</translation>
    </message>
    <message>
        <source>&amp;Energy</source>
        <translation>&amp;Enerji</translation>
    </message>
    <message>
        <source>What went &amp;well?</source>
        <translation>Neler &amp;iyi gitti?</translation>
    </message>
    <message>
        <source>What would you do &amp;differently?</source>
        <translation>Neyi &amp;farklı yapardınız?</translation>
    </message>
    <message>
        <source>One small &amp;intention for tomorrow</source>
        <translation>Yarın için küçük bir &amp;niyet</translation>
    </message>
    <message>
        <source>No prompts today.</source>
        <translation>Bugün hatırlatma yok.</translation>
    </message>
    <message>
        <source>Prompts today: {shown} shown, {acted} acted on.</source>
        <translation>Bugünkü hatırlatmalar: {shown} gösterildi, {acted} uygulandı.</translation>
    </message>
    <message>
        <source>No moments captured today. Quiet days count too.</source>
        <translation>Bugün kaydedilen an yok. Sakin günler de sayılır.</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>bugün takip edilecek</translation>
    </message>
    <message>
        <source>due since {date}</source>
        <translation>{date} gününden beri bekliyor</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <comment>date format</comment>
        <translation>d MMM ddd</translation>
    </message>
    <message>
        <source>A year ago today</source>
        <translation>Bir yıl önce bugün</translation>
    </message>
    <message>
        <source>A month ago today</source>
        <translation>Bir ay önce bugün</translation>
    </message>
    <message>
        <source>{when}: {text}</source>
        <translation>{when}: {text}</translation>
    </message>
    <message numerus="yes">
        <source>%n-day streak</source>
        <translation>
            <numerusform>%n günlük seri</numerusform>
        </translation>
    </message>
    <message>
        <source>Small wins this week: {n}</source>
        <translation>Bu haftaki küçük kazanımlar: {n}</translation>
    </message>
</context>
<context>
    <name>ReviewBanner</name>
    <message>
        <source>Weekly review</source>
        <translation>Haftalık özet</translation>
    </message>
    <message>
        <source>Your week in review</source>
        <translation>Haftanızın özeti</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Şimdi değil</translation>
    </message>
    <message>
        <source>Close the weekly review</source>
        <translation>Haftalık özeti kapat</translation>
    </message>
    <message>
        <source>Last week: %1, %2.</source>
        <translation>Geçen hafta: %1, %2.</translation>
    </message>
    <message>
        <source>1 moment</source>
        <translation>1 an</translation>
    </message>
    <message>
        <source>%1 moments</source>
        <translation>%1 an</translation>
    </message>
    <message>
        <source>1 small win</source>
        <translation>1 küçük kazanım</translation>
    </message>
    <message>
        <source>%1 small wins</source>
        <translation>%1 küçük kazanım</translation>
    </message>
    <message>
        <source>%1 of %2 attempts were followed (%3%).</source>
        <translation>%2 girişimden %1 tanesi karşılık buldu (%%3).</translation>
    </message>
    <message>
        <source>You influenced %1.</source>
        <translation>Etkilediğiniz kişiler: %1.</translation>
    </message>
    <message>
        <source>A win: “%1”</source>
        <translation>Bir kazanım: “%1”</translation>
    </message>
    <message>
        <source>Least practised: %1.</source>
        <translation>En az çalışılan: %1.</translation>
    </message>
    <message>
        <source>Suggested focus for this week: %1.</source>
        <translation>Bu hafta için önerilen odak: %1.</translation>
    </message>
    <message>
        <source>Accept focus: %1</source>
        <translation>Odak olarak seç: %1</translation>
    </message>
    <message>
        <source>Focus set: %1 until %2. Prompts on it will come more often.</source>
        <translation>Odak ayarlandı: %2 tarihine kadar %1. Bu temadaki hatırlatmalar daha sık gelecek.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
</context>
<context>
    <name>RhythmStep</name>
    <message>
        <source>When do you work?</source>
        <translation>Ne zaman çalışıyorsunuz?</translation>
    </message>
    <message>
        <source>Prompts only come inside these hours, on the days you pick.</source>
        <translation>Hatırlatmalar yalnızca seçtiğiniz günlerde, bu saatler içinde gelir.</translation>
    </message>
    <message>
        <source>&amp;Workdays:</source>
        <translation>İş gün&amp;leri:</translation>
    </message>
    <message>
        <source>Working &amp;hours:</source>
        <translation>Çalışma &amp;saatleri:</translation>
    </message>
    <message>
        <source>What would you like to practise &amp;first?</source>
        <translation>İlk önce &amp;neyi çalışmak istersiniz?</translation>
    </message>
    <message>
        <source>Pick one or two. You can change this any time in Settings.</source>
        <translation>Bir ya da iki tane seçin. Bunu Ayarlar&apos;dan istediğiniz zaman değiştirebilirsiniz.</translation>
    </message>
    <message>
        <source>The working day has to end after it starts.</source>
        <translation>İş günü, başladığı saatten sonra bitmeli.</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <source>Off</source>
        <translation>Kapalı</translation>
    </message>
    <message>
        <source>Prompts per day</source>
        <translation>Günlük hatırlatma sayısı</translation>
    </message>
    <message>
        <source>0 turns prompts off</source>
        <translation>0 hatırlatmaları kapatır</translation>
    </message>
    <message>
        <source> min</source>
        <translation> dk</translation>
    </message>
    <message>
        <source>Minimum gap between prompts, in minutes</source>
        <translation>Hatırlatmalar arasındaki en kısa ara, dakika olarak</translation>
    </message>
    <message>
        <source>&amp;Offer a reflection at</source>
        <translation>&amp;Değerlendirmeyi şu saatte öner:</translation>
    </message>
    <message>
        <source>Offer an end-of-day reflection</source>
        <translation>Gün sonu değerlendirmesi sunulsun</translation>
    </message>
    <message>
        <source>Reflection time</source>
        <translation>Değerlendirme saati</translation>
    </message>
    <message>
        <source>Calendar file or folder</source>
        <translation>Takvim dosyası ya da klasörü</translation>
    </message>
    <message>
        <source>An .ics file or a folder of them</source>
        <translation>Bir .ics dosyası ya da bu dosyaları içeren bir klasör</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Göz&amp;at…</translation>
    </message>
    <message>
        <source>Choose a calendar file or folder</source>
        <translation>Bir takvim dosyası ya da klasörü seçin</translation>
    </message>
    <message>
        <source>Calendar file…</source>
        <translation>Takvim dosyası…</translation>
    </message>
    <message>
        <source>Folder of calendar files…</source>
        <translation>Takvim dosyaları klasörü…</translation>
    </message>
    <message>
        <source>&amp;Use calendars from GNOME/Evolution</source>
        <translation>GNOME/Evolution takvimlerini &amp;kullan</translation>
    </message>
    <message>
        <source>Use calendars from GNOME/Evolution</source>
        <translation>GNOME/Evolution takvimlerini kullan</translation>
    </message>
    <message>
        <source>Also reads the meetings in the desktop&apos;s calendars, including the accounts set up in Online Accounts, on this computer only</source>
        <translation>Masaüstü takvimlerindeki toplantıları da okur (Çevrimiçi Hesaplar&apos;da kurulu hesaplar dahil); yalnızca bu bilgisayarda</translation>
    </message>
    <message>
        <source>&amp;Workdays:</source>
        <translation>İş gün&amp;leri:</translation>
    </message>
    <message>
        <source>Working &amp;hours:</source>
        <translation>Çalışma &amp;saatleri:</translation>
    </message>
    <message>
        <source>&amp;Prompts per day:</source>
        <translation>Günlük &amp;hatırlatma:</translation>
    </message>
    <message>
        <source>At 0 (Off) no prompts come on their own; you can still ask for one from the tray.</source>
        <translation>0 (Kapalı) olduğunda hatırlatmalar kendiliğinden gelmez; yine de tepsiden bir tane isteyebilirsiniz.</translation>
    </message>
    <message>
        <source>&amp;Minimum gap:</source>
        <translation>&amp;En kısa ara:</translation>
    </message>
    <message>
        <source>End of day:</source>
        <translation>Gün sonu:</translation>
    </message>
    <message>
        <source>&amp;Calendar:</source>
        <translation>&amp;Takvim:</translation>
    </message>
    <message>
        <source>Used to keep prompts out of your meetings. The file is read on this computer only; nothing connects to a calendar service.</source>
        <translation>Hatırlatmaların toplantılarınıza denk gelmemesi için kullanılır. Dosya yalnızca bu bilgisayarda okunur; hiçbir takvim hizmetine bağlanılmaz.</translation>
    </message>
    <message>
        <source>The working day has to end after it starts.</source>
        <translation>İş günü, başladığı saatten sonra bitmeli.</translation>
    </message>
    <message>
        <source>Pick at least one workday, or set prompts to Off.</source>
        <translation>En az bir iş günü seçin ya da hatırlatmaları Kapalı yapın.</translation>
    </message>
    <message>
        <source>No calendar file or folder is there.</source>
        <translation>Orada bir takvim dosyası ya da klasörü yok.</translation>
    </message>
    <message>
        <source>Choose a calendar file</source>
        <translation>Bir takvim dosyası seçin</translation>
    </message>
    <message>
        <source>Calendar files (*.ics);;All files (*)</source>
        <translation>Takvim dosyaları (*.ics);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Choose a folder of calendar files</source>
        <translation>Takvim dosyalarının bulunduğu klasörü seçin</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>mlcoach settings</source>
        <translation>mlcoach ayarları</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Ayar bölümleri</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>&amp;Zamanlama</translation>
    </message>
    <message>
        <source>&amp;Focus</source>
        <translation>&amp;Odak</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Bildirimler</translation>
    </message>
    <message>
        <source>Pri&amp;vacy</source>
        <translation>&amp;Gizlilik</translation>
    </message>
    <message>
        <source>Save and close</source>
        <translation>Kaydet ve kapat</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Uygula</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Could not change starting at login: {0}</source>
        <translation>Oturum açılışında başlatma değiştirilemedi: {0}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Kaydedilmedi: {reason}</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Değişikliklerinizden vazgeçilsin mi?</translation>
    </message>
    <message>
        <source>Your changes to the settings have not been saved.</source>
        <translation>Ayarlarda yaptığınız değişiklikler henüz kaydedilmedi.</translation>
    </message>
</context>
<context>
    <name>StyleGuess</name>
    <message>
        <source>Two quick questions to guess their style</source>
        <translation>Tarzını tahmin etmek için iki kısa soru</translation>
    </message>
    <message>
        <source>Best guess</source>
        <translation>En iyi tahmin</translation>
    </message>
    <message>
        <source>Answer what you can; until then the suggestion mixes approaches.</source>
        <translation>Yanıtlayabildiklerinizi yanıtlayın; o zamana kadar öneri farklı yaklaşımları harmanlar.</translation>
    </message>
    <message>
        <source>Not enough to tell yet; the suggestion mixes approaches.</source>
        <translation>Henüz karar vermek için yeterli değil; öneri farklı yaklaşımları harmanlar.</translation>
    </message>
    <message>
        <source>Best guess: {style}. The suggestion uses it.</source>
        <translation>En iyi tahmin: {style}. Öneri bu tarzı kullanıyor.</translation>
    </message>
    <message>
        <source>Remember as {name}&apos;s style</source>
        <translation>{name} için bu tarzı hatırla</translation>
    </message>
</context>
<context>
    <name>SuggestionView</name>
    <message>
        <source>Suggestion</source>
        <translation>Öneri</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopyala</translation>
    </message>
    <message>
        <source>Copy the suggestion</source>
        <translation>Öneriyi kopyala</translation>
    </message>
    <message>
        <source>Copy the suggestion as text (Ctrl+Shift+C)</source>
        <translation>Öneriyi metin olarak kopyala (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Save as planned moment</source>
        <translation>Planlanmış an olarak kaydet</translation>
    </message>
    <message>
        <source>Save it with a follow-up reminder (Ctrl+Enter)</source>
        <translation>Bir takip anımsatıcısıyla kaydet (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
</context>
<context>
    <name>ThemePicker</name>
    <message>
        <source>Focus themes</source>
        <translation>Odak temaları</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <source>Timeline</source>
        <translation>Zaman çizelgesi</translation>
    </message>
    <message>
        <source>Timeline status</source>
        <translation>Zaman çizelgesinin durumu</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Geri al</translation>
    </message>
    <message>
        <source>Undo the delete</source>
        <translation>Silmeyi geri al</translation>
    </message>
    <message>
        <source>Put the moment back (Ctrl+Z)</source>
        <translation>Anı geri getir (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>Geçmiş okunamadı: %1</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Aranıyor…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Yükleniyor…</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>Eşleşen bir şey yok.</translation>
    </message>
    <message>
        <source>Nothing here yet: captured moments, prompts, suggestions and reflections will appear here.</source>
        <translation>Burada henüz bir şey yok: kaydedilen anlar, hatırlatmalar, öneriler ve değerlendirmeler burada görünecek.</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 kayıt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln kayıt</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Kaydedilmedi: {reason}</translation>
    </message>
    <message>
        <source>The change could not be saved.</source>
        <translation>Değişiklik kaydedilemedi.</translation>
    </message>
    <message>
        <source>Delete this reflection?</source>
        <translation>Bu değerlendirme silinsin mi?</translation>
    </message>
    <message>
        <source>Its answers and energy go for good.</source>
        <translation>Yanıtları ve enerjisi kalıcı olarak silinir.</translation>
    </message>
    <message>
        <source>The reflection was deleted.</source>
        <translation>Değerlendirme silindi.</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>“%1” silindi.</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Düzenle…</translation>
    </message>
    <message>
        <source>No outcome yet</source>
        <translation>Henüz sonuç yok</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>Metni &amp;kopyala</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Sil…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Sil</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <source>Export all data</source>
        <translation>Tüm verileri dışa aktar</translation>
    </message>
    <message>
        <source>Exporting your data…</source>
        <translation>Verileriniz dışa aktarılıyor…</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Dışa aktarılamadı: %1</translation>
    </message>
    <message>
        <source>mlcoach export (*.json)</source>
        <translation>mlcoach dışa aktarımı (*.json)</translation>
    </message>
    <message>
        <source>jrnl journal, JSON export (*.json)</source>
        <translation>jrnl günlüğü, JSON dışa aktarımı (*.json)</translation>
    </message>
    <message>
        <source>Day One export (*.json *.zip)</source>
        <translation>Day One dışa aktarımı (*.json *.zip)</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Verileri içe aktar</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Reading “%1”…</source>
        <translation>“%1” okunuyor…</translation>
    </message>
    <message>
        <source>Importing “%1”…</source>
        <translation>“%1” içe aktarılıyor…</translation>
    </message>
    <message>
        <source>Could not import “%1”: %2</source>
        <translation>“%1” içe aktarılamadı: %2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>mlcoach</source>
        <translation>mlcoach</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <source>Show a prompt now</source>
        <translation>Şimdi bir hatırlatma göster</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Yaptım</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Sonra</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Geç</translation>
    </message>
    <message>
        <source>Not for me</source>
        <translation>Bana uymaz</translation>
    </message>
    <message>
        <source>Capture a moment…</source>
        <translation>Bir an kaydet…</translation>
    </message>
    <message>
        <source>Influence coach…</source>
        <translation>Etki koçu…</translation>
    </message>
    <message>
        <source>Reflect on today…</source>
        <translation>Bugünü değerlendir…</translation>
    </message>
    <message>
        <source>History &amp;&amp; insights…</source>
        <translation>Geçmiş ve içgörüler…</translation>
    </message>
    <message>
        <source>For 30 minutes</source>
        <translation>30 dakika</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1 saat</translation>
    </message>
    <message>
        <source>For the rest of the day</source>
        <translation>Günün geri kalanında</translation>
    </message>
    <message>
        <source>Resume prompts</source>
        <translation>Hatırlatmaları sürdür</translation>
    </message>
    <message>
        <source>Back to %1 prompts a day</source>
        <translation>Yeniden günde %1 hatırlatma</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ayarlar…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
    <message>
        <source>Pause prompts</source>
        <translation>Hatırlatmaları duraklat</translation>
    </message>
    <message>
        <source>Answer the prompt</source>
        <translation>Hatırlatmayı yanıtla</translation>
    </message>
</context>
<context>
    <name>UpgradeWatch</name>
    <message>
        <source>mlcoach was updated or removed while it was running and cannot restart by itself. Quit it and start it again.</source>
        <translation>mlcoach çalışırken güncellendi ya da kaldırıldı; kendi kendine yeniden başlayamıyor. Kapatıp yeniden başlatın.</translation>
    </message>
    <message>
        <source>mlcoach was updated while it was running. It will restart into the new version once you close its open windows.</source>
        <translation>mlcoach çalışırken güncellendi. Açık pencerelerini kapattığınızda yeni sürümle yeniden başlayacak.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Saving…</source>
        <translation>Kaydediliyor…</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Kaydedilmedi: {reason}</translation>
    </message>
    <message>
        <source>Welcome to mlcoach</source>
        <translation>mlcoach&apos;a hoş geldiniz</translation>
    </message>
    <message>
        <source>Welcome steps</source>
        <translation>Karşılama adımları</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Adım</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>&amp;Geç</translation>
    </message>
    <message>
        <source>Skip the welcome</source>
        <translation>Karşılamayı geç</translation>
    </message>
    <message>
        <source>Keep the usual settings; you can change them any time in Settings.</source>
        <translation>Olağan ayarlarla devam edin; bunları Ayarlar&apos;dan istediğiniz zaman değiştirebilirsiniz.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>G&amp;eri</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Geri</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Bitir</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>İler&amp;i</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Bitir</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>İleri</translation>
    </message>
    <message>
        <source>Step {0} of {1}</source>
        <translation>Adım {0} / {1}</translation>
    </message>
</context>
<context>
    <name>WindowFactories</name>
    <message>
        <source>Could not open your data: {reason}</source>
        <translation>Verileriniz açılamadı: {reason}</translation>
    </message>
</context>
<context>
    <name>WorkdayPicker</name>
    <message>
        <source>Workdays</source>
        <translation>İş günleri</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Pzt</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Sal</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Çar</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Per</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Cum</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Cmt</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Paz</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Pazartesi</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Salı</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Çarşamba</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Perşembe</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Cuma</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Cumartesi</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Pazar</translation>
    </message>
</context>
<context>
    <name>_Footer</name>
    <message>
        <source>Keys</source>
        <translation>Tuşlar</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
</context>
<context>
    <name>privacy</name>
    <message>
        <source>JSON, complete and re-importable</source>
        <translation>JSON, eksiksiz ve yeniden içe aktarılabilir</translation>
    </message>
    <message>
        <source>CSV spreadsheet</source>
        <translation>CSV tablosu</translation>
    </message>
    <message>
        <source>Markdown journal</source>
        <translation>Markdown günlüğü</translation>
    </message>
    <message>
        <source>Your data is encrypted on this computer, and the key is kept in your system keyring.</source>
        <translation>Verileriniz bu bilgisayarda şifreli; anahtarı sistem anahtarlığınızda tutuluyor.</translation>
    </message>
    <message>
        <source>Your data is encrypted on this computer and opens only with your passphrase.</source>
        <translation>Verileriniz bu bilgisayarda şifreli ve yalnızca parolanızla açılıyor.</translation>
    </message>
    <message>
        <source>Your data stays on this computer but is not encrypted.</source>
        <translation>Verileriniz bu bilgisayarda kalıyor, ancak şifrelenmiyor.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>Moments</source>
        <translation>Anlar</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Kişiler</translation>
    </message>
    <message>
        <source>Coach suggestions</source>
        <translation>Koç önerileri</translation>
    </message>
    <message>
        <source>Reflections</source>
        <translation>Değerlendirmeler</translation>
    </message>
    <message>
        <source>Prompts shown</source>
        <translation>Gösterilen hatırlatmalar</translation>
    </message>
    <message>
        <source>Your own prompts</source>
        <translation>Kendi hatırlatmalarınız</translation>
    </message>
    <message>
        <source>1 moment</source>
        <translation>1 an</translation>
    </message>
    <message>
        <source>1 person</source>
        <translation>1 kişi</translation>
    </message>
    <message>
        <source>1 coach suggestion</source>
        <translation>1 koç önerisi</translation>
    </message>
    <message>
        <source>1 reflection</source>
        <translation>1 değerlendirme</translation>
    </message>
    <message>
        <source>1 prompt shown</source>
        <translation>1 hatırlatma gösterildi</translation>
    </message>
    <message>
        <source>1 prompt of your own</source>
        <translation>1 özel hatırlatma</translation>
    </message>
    <message numerus="yes">
        <source>%Ln moments</source>
        <translation>
            <numerusform>%Ln an</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln people</source>
        <translation>
            <numerusform>%Ln kişi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coach suggestions</source>
        <translation>
            <numerusform>%Ln koç önerisi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reflections</source>
        <translation>
            <numerusform>%Ln değerlendirme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln prompts shown</source>
        <translation>
            <numerusform>%Ln hatırlatma gösterildi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln prompts of your own</source>
        <translation>
            <numerusform>%Ln özel hatırlatma</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing new: everything in the file was already here.</source>
        <translation>Yeni bir şey yok: dosyadaki her şey zaten buradaydı.</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>İçe aktarıldı: %1.</translation>
    </message>
</context>
<context>
    <name>unlock</name>
    <message>
        <source>Passphrase for your mlcoach data:</source>
        <translation>mlcoach verilerinizin parolası:</translation>
    </message>
    <message>
        <source>Recovery key:</source>
        <translation>Kurtarma anahtarı:</translation>
    </message>
    <message>
        <source>Your data could not be opened: {0}</source>
        <translation>Verileriniz açılamadı: {0}</translation>
    </message>
    <message>
        <source>No secure keyring is available to hold the encryption key.</source>
        <translation>Şifreleme anahtarını saklayacak güvenli bir anahtarlık yok.</translation>
    </message>
    <message>
        <source>You can protect your data with a passphrase that you type at each start, or keep it unencrypted on this machine.</source>
        <translation>Verilerinizi her açılışta yazacağınız bir parolayla koruyabilir ya da bu bilgisayarda şifrelemeden saklayabilirsiniz.</translation>
    </message>
    <message>
        <source>Use a passphrase…</source>
        <translation>Parola kullan…</translation>
    </message>
    <message>
        <source>Keep it unencrypted</source>
        <translation>Şifrelemeden sakla</translation>
    </message>
    <message>
        <source>New passphrase:</source>
        <translation>Yeni parola:</translation>
    </message>
    <message>
        <source>Repeat the passphrase:</source>
        <translation>Parolayı yineleyin:</translation>
    </message>
    <message>
        <source>The passphrases differ.</source>
        <translation>Parolalar birbirini tutmuyor.</translation>
    </message>
</context>
</TS>
